import { useMutation } from "@tanstack/react-query";
import { transitionExperiment } from "../api/transition-experiment";
import type { ExperimentStatus } from "../lib/experiment-status";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useTransitionExperiment(organizationId: string, experimentId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: (status: ExperimentStatus) => transitionExperiment(experimentId, status),
    // Also on failure: a refusal often means someone else moved the experiment meanwhile.
    onSettled: invalidate,
  });
}
