import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { dashboardKeys, type AnalyticsScope } from "../api/dashboard-keys";
import { fetchMetricSeries } from "../api/metric-rpcs";
import type { Granularity, MetricKey } from "../lib/catalog";

export function useMetricSeries(
  organizationId: string,
  metrics: readonly MetricKey[],
  granularity: Granularity,
  scope: AnalyticsScope,
) {
  return useQuery({
    queryKey: dashboardKeys.series(organizationId, metrics, granularity, scope),
    queryFn: () => fetchMetricSeries(organizationId, metrics, granularity, scope),
    enabled: metrics.length > 0,
    placeholderData: keepPreviousData,
  });
}
