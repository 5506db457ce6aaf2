import type { DimensionKey, Granularity, MetricKey } from "../lib/catalog";

export interface AnalyticsScope {
  /** ISO timestamps: the query key must not hold Date objects that differ by identity only. */
  from: string;
  to: string;
  filters: Partial<Record<DimensionKey, string[]>>;
}

/** Query keys for dashboard data, per organization; a range or filter change is a new key. */
export const dashboardKeys = {
  all: ["dashboards"] as const,
  organization: (organizationId: string) => [...dashboardKeys.all, organizationId] as const,
  summary: (organizationId: string, metrics: readonly MetricKey[], scope: AnalyticsScope) =>
    [...dashboardKeys.organization(organizationId), "summary", metrics, scope] as const,
  series: (
    organizationId: string,
    metrics: readonly MetricKey[],
    granularity: Granularity,
    scope: AnalyticsScope,
  ) =>
    [...dashboardKeys.organization(organizationId), "series", metrics, granularity, scope] as const,
  breakdown: (
    organizationId: string,
    metric: MetricKey,
    dimension: DimensionKey,
    scope: AnalyticsScope,
  ) =>
    [...dashboardKeys.organization(organizationId), "breakdown", metric, dimension, scope] as const,
  labels: (organizationId: string) =>
    [...dashboardKeys.organization(organizationId), "labels"] as const,
  runs: (organizationId: string, scope: AnalyticsScope) =>
    [...dashboardKeys.organization(organizationId), "runs", scope] as const,
};
