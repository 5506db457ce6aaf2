import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { dashboardKeys, type AnalyticsScope } from "../api/dashboard-keys";
import { fetchMetricSummary } from "../api/metric-rpcs";
import type { MetricKey } from "../lib/catalog";

export function useMetricSummary(
  organizationId: string,
  metrics: readonly MetricKey[],
  scope: AnalyticsScope,
) {
  return useQuery({
    queryKey: dashboardKeys.summary(organizationId, metrics, scope),
    queryFn: () => fetchMetricSummary(organizationId, metrics, scope),
    enabled: metrics.length > 0,
    // A new range keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
