import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { dashboardKeys, type AnalyticsScope } from "../api/dashboard-keys";
import { fetchMetricBreakdown } from "../api/metric-rpcs";
import type { DimensionKey, MetricKey } from "../lib/catalog";

export function useMetricBreakdown(
  organizationId: string,
  metric: MetricKey,
  dimension: DimensionKey,
  scope: AnalyticsScope,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: dashboardKeys.breakdown(organizationId, metric, dimension, scope),
    queryFn: () => fetchMetricBreakdown(organizationId, metric, dimension, scope),
    enabled,
    placeholderData: keepPreviousData,
  });
}
