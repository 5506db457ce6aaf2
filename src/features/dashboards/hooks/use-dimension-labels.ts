import { useQuery } from "@tanstack/react-query";

import { dashboardKeys } from "../api/dashboard-keys";
import { fetchDimensionLabels } from "../api/fetch-dimension-labels";

export function useDimensionLabels(organizationId: string) {
  return useQuery({
    queryKey: dashboardKeys.labels(organizationId),
    queryFn: () => fetchDimensionLabels(organizationId),
    // Names change rarely; a few minutes old is fine for labels.
    staleTime: 5 * 60_000,
  });
}
