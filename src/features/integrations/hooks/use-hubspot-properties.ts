import { useQuery } from "@tanstack/react-query";
import { fetchHubspotProperties } from "../api/hubspot-function";
import { hubspotKeys } from "../api/hubspot-keys";

/** A HubSpot object's properties, read through the function (only when connected). */
export function useHubspotProperties(
  organizationId: string,
  object: "deals" | "contacts",
  enabled: boolean,
) {
  return useQuery({
    queryKey: hubspotKeys.properties(organizationId, object),
    queryFn: () => fetchHubspotProperties(organizationId, object),
    enabled,
    staleTime: 5 * 60_000,
  });
}
