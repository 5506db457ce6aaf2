import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createWebhookEndpoint } from "../api/create-webhook-endpoint";
import { outcomeKeys } from "../api/outcome-keys";

export function useCreateWebhookEndpoint(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createWebhookEndpoint(organizationId, name),
    // The result holds the secret: keep it no longer than the dialog that shows it.
    gcTime: 0,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: outcomeKeys.webhookEndpoints(organizationId) }),
  });
}
