import { useMutation } from "@tanstack/react-query";
import { forkExperiment } from "../api/fork-experiment";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useForkExperiment(organizationId: string, experimentId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: (name: string) => forkExperiment(experimentId, name),
    onSuccess: invalidate,
  });
}
