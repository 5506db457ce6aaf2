import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { modelPriceKeys } from "../api/model-price-keys";
import { saveModelPrice } from "../api/save-model-price";
import type { PriceFormResult } from "../lib/price-form";

export function useSaveModelPrice(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ overrideId, price }: { overrideId: string | null; price: PriceFormResult }) =>
      saveModelPrice(organizationId, overrideId, price),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: modelPriceKeys.list(organizationId) }),
  });
}
