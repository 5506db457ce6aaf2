import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import {
  previousPeriod,
  type DimensionKey,
  type Granularity,
  type MetricKey,
} from "../lib/catalog";
import type { AnalyticsScope } from "./dashboard-keys";

// The API returns bigint and numeric columns as strings; null stays null (never 0).
const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export interface MetricSummaryRow {
  metric: MetricKey;
  value: number | null;
  n: number;
  previousValue: number | null;
  previousN: number;
}

/** Each metric over the range and over the same-length period just before it. */
export async function fetchMetricSummary(
  organizationId: string,
  metrics: readonly MetricKey[],
  scope: AnalyticsScope,
): Promise<MetricSummaryRow[]> {
  const response = await supabase.rpc("metric_summary", {
    p_organization_id: organizationId,
    p_metrics: [...metrics],
    p_from: scope.from,
    p_to: scope.to,
    p_filters: scope.filters,
  });
  if (response.error) throw toDatabaseError("Couldn't load the metrics", response);
  return (response.data ?? []).map((row) => ({
    metric: row.metric as MetricKey,
    value: toNumber(row.value),
    n: toNumber(row.n) ?? 0,
    previousValue: toNumber(row.previous_value),
    previousN: toNumber(row.previous_n) ?? 0,
  }));
}

export interface MetricSeriesRow {
  bucket: string;
  metric: MetricKey;
  value: number | null;
  n: number;
}

/** Each metric per time bucket of `granularity`. */
export async function fetchMetricSeries(
  organizationId: string,
  metrics: readonly MetricKey[],
  granularity: Granularity,
  scope: AnalyticsScope,
): Promise<MetricSeriesRow[]> {
  const response = await supabase.rpc("metric_series", {
    p_organization_id: organizationId,
    p_metrics: [...metrics],
    p_from: scope.from,
    p_to: scope.to,
    p_granularity: granularity,
    p_filters: scope.filters,
  });
  if (response.error) throw toDatabaseError("Couldn't load the metrics over time", response);
  return (response.data ?? []).map((row) => ({
    bucket: new Date(row.bucket).toISOString(),
    metric: row.metric as MetricKey,
    value: toNumber(row.value),
    n: toNumber(row.n) ?? 0,
  }));
}

export interface BreakdownRow {
  /** The dimension's value; null for runs without one (e.g. outside any experiment). */
  segment: string | null;
  n: number;
  value: number | null;
  compareN: number;
  compareValue: number | null;
}

/** One metric per segment of `dimension`, in the range and in the period before it. */
export async function fetchMetricBreakdown(
  organizationId: string,
  metric: MetricKey,
  dimension: DimensionKey,
  scope: AnalyticsScope,
): Promise<BreakdownRow[]> {
  const previous = previousPeriod(new Date(scope.from), new Date(scope.to));
  const response = await supabase.rpc("metric_breakdown", {
    p_organization_id: organizationId,
    p_metric: metric,
    p_dimension: dimension,
    p_from: scope.from,
    p_to: scope.to,
    p_compare_from: previous.from.toISOString(),
    p_compare_to: previous.to.toISOString(),
    p_filters: scope.filters,
  });
  if (response.error) throw toDatabaseError("Couldn't load the breakdown", response);
  return (response.data ?? []).map((row) => ({
    segment: row.segment ?? null,
    n: toNumber(row.n) ?? 0,
    value: toNumber(row.value),
    compareN: toNumber(row.compare_n) ?? 0,
    compareValue: toNumber(row.compare_value),
  }));
}
