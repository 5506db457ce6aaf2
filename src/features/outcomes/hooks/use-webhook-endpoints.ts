import { useQuery } from "@tanstack/react-query";
import { fetchWebhookEndpoints } from "../api/fetch-webhook-endpoints";
import { outcomeKeys } from "../api/outcome-keys";

export function useWebhookEndpoints(organizationId: string) {
  return useQuery({
    queryKey: outcomeKeys.webhookEndpoints(organizationId),
    queryFn: () => fetchWebhookEndpoints(organizationId),
  });
}
