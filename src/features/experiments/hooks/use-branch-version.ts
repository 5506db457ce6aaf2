import { useMutation } from "@tanstack/react-query";
import { branchVersion, type BranchVersionInput } from "../api/branch-version";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useBranchVersion(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: (input: BranchVersionInput) => branchVersion(input),
    onSuccess: invalidate,
  });
}
