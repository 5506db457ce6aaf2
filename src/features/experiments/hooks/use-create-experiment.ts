import { useMutation } from "@tanstack/react-query";
import { createExperiment } from "../api/create-experiment";
import type { CreateExperimentValues } from "../lib/create-experiment-schema";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useCreateExperiment(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: (values: CreateExperimentValues) => createExperiment(organizationId, values),
    onSuccess: invalidate,
  });
}
