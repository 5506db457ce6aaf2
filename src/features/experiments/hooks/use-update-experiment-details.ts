import { useMutation } from "@tanstack/react-query";
import { updateExperimentDetails } from "../api/update-experiment-details";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useUpdateExperimentDetails(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: updateExperimentDetails,
    onSettled: invalidate,
  });
}
