import { useMutation, useQueryClient } from "@tanstack/react-query";
import { outcomeKeys } from "../api/outcome-keys";
import { rotateWebhookSecret } from "../api/rotate-webhook-secret";

export function useRotateWebhookSecret(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ endpointId, name }: { endpointId: string; name: string }) =>
      rotateWebhookSecret(endpointId, name),
    gcTime: 0,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: outcomeKeys.webhookEndpoints(organizationId) }),
  });
}
