import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { providerKeyKeys } from "../api/provider-key-keys";
import { revokeProviderKey } from "../api/provider-keys-function";
import type { Provider } from "../lib/providers";

export function useRevokeProviderKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: Provider) => revokeProviderKey(organizationId, provider),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: providerKeyKeys.list(organizationId) }),
  });
}
