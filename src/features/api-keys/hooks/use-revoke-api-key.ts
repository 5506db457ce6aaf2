import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { apiKeyKeys } from "../api/api-key-keys";
import { revokeApiKey } from "../api/revoke-api-key";

export function useRevokeApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) => revokeApiKey(apiKeyId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.list(organizationId) }),
  });
}
