import { useMutation } from "@tanstack/react-query";
import { addVariant } from "../api/add-variant";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useAddVariant(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: addVariant,
    onSettled: invalidate,
  });
}
