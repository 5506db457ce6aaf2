import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { deleteModelPrice } from "../api/save-model-price";
import { modelPriceKeys } from "../api/model-price-keys";

export function useDeleteModelPrice(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (overrideId: string) => deleteModelPrice(overrideId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: modelPriceKeys.list(organizationId) }),
  });
}
