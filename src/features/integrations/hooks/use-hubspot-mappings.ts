import { useQuery } from "@tanstack/react-query";
import { hubspotKeys } from "../api/hubspot-keys";
import { fetchHubspotMappings } from "../api/hubspot-mappings";

export function useHubspotMappings(organizationId: string) {
  return useQuery({
    queryKey: hubspotKeys.mappings(organizationId),
    queryFn: () => fetchHubspotMappings(organizationId),
  });
}
