import { useMutation } from "@tanstack/react-query";
import { updateVariant } from "../api/update-variant";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useUpdateVariant(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: updateVariant,
    onSettled: invalidate,
  });
}
