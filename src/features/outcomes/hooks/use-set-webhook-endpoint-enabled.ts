import { useMutation, useQueryClient } from "@tanstack/react-query";
import { outcomeKeys } from "../api/outcome-keys";
import { setWebhookEndpointEnabled } from "../api/set-webhook-endpoint-enabled";

export function useSetWebhookEndpointEnabled(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ endpointId, enabled }: { endpointId: string; enabled: boolean }) =>
      setWebhookEndpointEnabled(endpointId, enabled),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: outcomeKeys.webhookEndpoints(organizationId) }),
  });
}
