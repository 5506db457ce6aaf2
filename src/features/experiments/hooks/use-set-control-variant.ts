import { useMutation } from "@tanstack/react-query";
import { setControlVariant } from "../api/set-control-variant";
import { useInvalidateExperiments } from "./use-invalidate-experiments";

export function useSetControlVariant(organizationId: string) {
  const invalidate = useInvalidateExperiments(organizationId);
  return useMutation({
    mutationFn: setControlVariant,
    onSettled: invalidate,
  });
}
