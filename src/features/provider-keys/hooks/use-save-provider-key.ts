import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { providerKeyKeys } from "../api/provider-key-keys";
import { saveProviderKey, type SaveProviderKeyInput } from "../api/provider-keys-function";

/** Adds a key, or rotates the active one. */
export function useSaveProviderKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<SaveProviderKeyInput, "organizationId">) =>
      saveProviderKey({ ...input, organizationId }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: providerKeyKeys.list(organizationId) }),
  });
}
