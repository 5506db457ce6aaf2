/**
 * The metric catalog: every metric and dimension the dashboards, the experiment results and
 * "why did it change" can ask for. The database holds the same catalog (private.metric_catalog,
 * private.dimension_catalog) and the RPCs (metric_summary, metric_series, metric_breakdown) accept
 * only these keys; tests/integration/analytics-catalog.test.ts keeps the two in step.
 *
 * Pure TypeScript: imported by the SPA as "@shared/analytics/catalog.ts" and by Deno.
 */
import { z } from "zod";

export const DIMENSION_KEYS = [
  "experiment_id",
  "variant_id",
  "version_id",
  "model",
  "provider",
  "capability",
  "action",
  "intent",
  "account",
  "is_manual",
  "status",
] as const;

export const METRIC_KEYS = [
  "conversion",
  "order_value",
  "csat",
  "sentiment",
  "resolution_time",
  "deflection",
  "escalation",
  "runs",
  "latency_p50",
  "latency_p95",
  "latency_mean",
  "error_rate",
  "cost",
  "cost_per_run",
  "tokens",
  "thumbs_up_rate",
] as const;

export const GRANULARITIES = ["minute", "hour", "day", "week"] as const;

export type DimensionKey = (typeof DIMENSION_KEYS)[number];
export type MetricKey = (typeof METRIC_KEYS)[number];
export type Granularity = (typeof GRANULARITIES)[number];

export const metricSchema = z
  .object({
    key: z.enum(METRIC_KEYS),
    label: z.string().min(1),
    description: z.string().min(1),
    category: z.enum(["outcome", "llm"]),
    source: z.enum(["runs", "outcomes", "feedback"]),
    /** outcomes.metric_key the metric reads, for source "outcomes". */
    outcomeMetricKey: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,62}$/)
      .optional(),
    aggregation: z.enum(["rate", "mean", "sum", "count", "p50", "p95"]),
    unit: z.enum(["percent", "usd", "ms", "count", "minutes", "score", "tokens"]),
    /** Which way is good. */
    direction: z.enum(["increase", "decrease"]),
  })
  .refine((m) => (m.source === "outcomes") === (m.outcomeMetricKey !== undefined), {
    message: "outcomeMetricKey is required for outcome metrics and only for them",
  });

export type Metric = z.infer<typeof metricSchema>;

export const dimensionSchema = z.object({
  key: z.enum(DIMENSION_KEYS),
  label: z.string().min(1),
});

export type Dimension = z.infer<typeof dimensionSchema>;

const outcome = (
  key: MetricKey,
  label: string,
  description: string,
  aggregation: "rate" | "mean",
  unit: Metric["unit"],
  direction: Metric["direction"],
): Metric => ({
  key,
  label,
  description,
  category: "outcome",
  source: "outcomes",
  outcomeMetricKey: key,
  aggregation,
  unit,
  direction,
});

export const METRICS: readonly Metric[] = z
  .array(metricSchema)
  .refine((all) => all.map((m) => m.key).join() === METRIC_KEYS.join(), {
    message: "METRICS must list every metric key once, in METRIC_KEYS order",
  })
  .parse([
    outcome(
      "conversion",
      "Conversion",
      "Share of conversion outcomes that converted (value 1 of 0/1).",
      "rate",
      "percent",
      "increase",
    ),
    outcome(
      "order_value",
      "Average order value",
      "Mean order value of order_value outcomes.",
      "mean",
      "usd",
      "increase",
    ),
    outcome("csat", "CSAT", "Mean customer satisfaction score (1–5).", "mean", "score", "increase"),
    outcome(
      "sentiment",
      "Sentiment",
      "Mean sentiment score (−1 to 1).",
      "mean",
      "score",
      "increase",
    ),
    outcome(
      "resolution_time",
      "Resolution time",
      "Mean time to resolve a conversation.",
      "mean",
      "minutes",
      "decrease",
    ),
    outcome(
      "deflection",
      "Deflection rate",
      "Share of conversations resolved without a human (0/1 outcomes).",
      "rate",
      "percent",
      "increase",
    ),
    outcome(
      "escalation",
      "Escalation rate",
      "Share of conversations escalated to a human (0/1 outcomes).",
      "rate",
      "percent",
      "decrease",
    ),
    {
      key: "runs",
      label: "Runs",
      description: "Number of LLM runs.",
      category: "llm",
      source: "runs",
      aggregation: "count",
      unit: "count",
      direction: "increase",
    },
    {
      key: "latency_p50",
      label: "Latency p50",
      description: "Median run latency.",
      category: "llm",
      source: "runs",
      aggregation: "p50",
      unit: "ms",
      direction: "decrease",
    },
    {
      key: "latency_p95",
      label: "Latency p95",
      description: "95th percentile of run latency.",
      category: "llm",
      source: "runs",
      aggregation: "p95",
      unit: "ms",
      direction: "decrease",
    },
    {
      key: "latency_mean",
      label: "Mean latency",
      description: "Mean run latency (what experiment results compare).",
      category: "llm",
      source: "runs",
      aggregation: "mean",
      unit: "ms",
      direction: "decrease",
    },
    {
      key: "error_rate",
      label: "Error rate",
      description: "Share of runs whose status is not ok (error, timeout, cancelled).",
      category: "llm",
      source: "runs",
      aggregation: "rate",
      unit: "percent",
      direction: "decrease",
    },
    {
      key: "cost",
      label: "Cost",
      description: "Total cost of runs.",
      category: "llm",
      source: "runs",
      aggregation: "sum",
      unit: "usd",
      direction: "decrease",
    },
    {
      key: "cost_per_run",
      label: "Cost per run",
      description: "Mean cost of the runs that report one.",
      category: "llm",
      source: "runs",
      aggregation: "mean",
      unit: "usd",
      direction: "decrease",
    },
    {
      key: "tokens",
      label: "Tokens",
      description: "Total input plus output tokens.",
      category: "llm",
      source: "runs",
      aggregation: "sum",
      unit: "tokens",
      direction: "decrease",
    },
    {
      key: "thumbs_up_rate",
      label: "Thumbs-up rate",
      description: "Thumbs up as a share of thumbs up and down.",
      category: "llm",
      source: "feedback",
      aggregation: "rate",
      unit: "percent",
      direction: "increase",
    },
  ]);

export const DIMENSIONS: readonly Dimension[] = z.array(dimensionSchema).parse([
  { key: "experiment_id", label: "Experiment" },
  { key: "variant_id", label: "Variant" },
  { key: "version_id", label: "Version" },
  { key: "model", label: "Model" },
  { key: "provider", label: "Provider" },
  { key: "capability", label: "Capability" },
  { key: "action", label: "Action" },
  { key: "intent", label: "Intent" },
  { key: "account", label: "Account" },
  { key: "is_manual", label: "Manual or automated" },
  { key: "status", label: "Status" },
]);

const byKey = new Map(METRICS.map((m) => [m.key, m]));

export function metric(key: MetricKey): Metric {
  return byKey.get(key)!;
}

export function isMetricKey(key: string): key is MetricKey {
  return byKey.has(key as MetricKey);
}

export function isDimensionKey(key: string): key is DimensionKey {
  return (DIMENSION_KEYS as readonly string[]).includes(key);
}

/** Filters as the RPCs take them: dimension key → the values to keep. */
export const filtersSchema = z.partialRecord(z.enum(DIMENSION_KEYS), z.array(z.string()).min(1));
export type Filters = z.infer<typeof filtersSchema>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The bucket size a chart of [from, to) uses: up to 6 hours by minute, up to 8 days by hour (1D
 * and 7D), up to 186 days by day (1M, 3M, 6M), beyond that by week (1Y). Every range stays
 * between about 50 and 370 points, under the RPCs' bucket limit.
 */
export function granularityFor(from: Date, to: Date): Granularity {
  const span = to.getTime() - from.getTime();
  if (span <= 6 * HOUR) return "minute";
  if (span <= 8 * DAY) return "hour";
  if (span <= 186 * DAY) return "day";
  return "week";
}

/** The same-length period right before [from, to): what metric_summary compares against. */
export function previousPeriod(from: Date, to: Date): { from: Date; to: Date } {
  const span = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - span), to: new Date(from.getTime()) };
}
