import { useQuery } from "@tanstack/react-query";
import { fetchMetricDefinitions } from "../api/fetch-metric-definitions";
import { taxonomyKeys } from "../api/taxonomy-keys";

export function useMetricDefinitions(organizationId: string) {
  return useQuery({
    queryKey: taxonomyKeys.metrics(organizationId),
    queryFn: () => fetchMetricDefinitions(organizationId),
  });
}
