import { useQuery } from "@tanstack/react-query";
import { fetchDealPipelines } from "../api/hubspot-function";
import { hubspotKeys } from "../api/hubspot-keys";

/** Deal pipelines and stages, read from HubSpot through the function (only when connected). */
export function useDealPipelines(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: hubspotKeys.pipelines(organizationId),
    queryFn: () => fetchDealPipelines(organizationId),
    enabled,
    staleTime: 5 * 60_000,
  });
}
