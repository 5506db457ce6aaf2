import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { apiKeyKeys } from "../api/api-key-keys";
import { createApiKey } from "../api/create-api-key";
import type { CreateApiKeyValues } from "../lib/create-api-key-schema";

export function useCreateApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: CreateApiKeyValues) => createApiKey({ organizationId, ...values }),
    // The result holds the plaintext key: drop it from the mutation cache as soon as the dialog
    // lets go of it, rather than keeping it in memory for the default five minutes.
    gcTime: 0,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: apiKeyKeys.list(organizationId) }),
        queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
      ]),
  });
}
