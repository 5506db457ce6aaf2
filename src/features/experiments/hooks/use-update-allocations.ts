import { useMutation } from "@tanstack/react-query";
import { updateAllocations } from "../api/update-allocations";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useUpdateAllocations(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: updateAllocations,
    onSettled: invalidate,
  });
}
