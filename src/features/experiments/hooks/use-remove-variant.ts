import { useMutation } from "@tanstack/react-query";
import { removeVariant } from "../api/remove-variant";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useRemoveVariant(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: removeVariant,
    onSettled: invalidate,
  });
}
