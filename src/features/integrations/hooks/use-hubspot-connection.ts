import { useQuery } from "@tanstack/react-query";
import { fetchHubspotConnection } from "../api/fetch-hubspot-connection";
import { hubspotKeys } from "../api/hubspot-keys";

export function useHubspotConnection(organizationId: string) {
  return useQuery({
    queryKey: hubspotKeys.connection(organizationId),
    queryFn: () => fetchHubspotConnection(organizationId),
  });
}
