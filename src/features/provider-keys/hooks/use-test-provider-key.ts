import { useMutation, useQueryClient } from "@tanstack/react-query";
import { providerKeyKeys } from "../api/provider-key-keys";
import { testProviderKey } from "../api/provider-keys-function";
import type { Provider } from "../lib/providers";

/** Tests the stored key; the result is also saved on the key (last tested, ok or the reason). */
export function useTestProviderKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: Provider) => testProviderKey(organizationId, provider),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: providerKeyKeys.list(organizationId) }),
  });
}
