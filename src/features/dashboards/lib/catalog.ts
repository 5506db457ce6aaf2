import {
  DIMENSIONS,
  granularityFor,
  metric,
  METRIC_KEYS,
  METRICS,
  previousPeriod,
  type DimensionKey,
  type Granularity,
  type Metric,
  type MetricKey,
} from "@shared/analytics/catalog.ts";

export { DIMENSIONS, granularityFor, METRIC_KEYS, METRICS, previousPeriod };
export type { DimensionKey, Granularity, MetricKey };

export type MetricDefinition = Metric;
export type MetricUnit = Metric["unit"];
export type MetricCategory = Metric["category"];

export const metricByKey = metric;

export const CATEGORY_LABELS: Record<MetricCategory, string> = {
  outcome: "Business outcomes",
  llm: "LLM behaviour",
};

/** The Overview's KPI cards, in order: outcomes first, then how the LLM behaves and costs. */
export const DEFAULT_KPIS: readonly MetricKey[] = [
  "conversion",
  "order_value",
  "csat",
  "escalation",
  "runs",
  "latency_p95",
  "error_rate",
  "cost",
];
