import { useQuery } from "@tanstack/react-query";

import { dashboardKeys, type AnalyticsScope } from "../api/dashboard-keys";
import { fetchDrillRuns } from "../api/fetch-drill-runs";

export function useDrillRuns(
  organizationId: string,
  scope: AnalyticsScope,
  { enabled }: { enabled: boolean },
) {
  return useQuery({
    queryKey: dashboardKeys.runs(organizationId, scope),
    queryFn: () => fetchDrillRuns(organizationId, scope),
    enabled,
  });
}
