import { z } from "zod";

import type { UrlFilterSchemas } from "@/features/filters";
import { DIMENSION_KEYS, METRICS, type Metric, type MetricKey } from "@shared/analytics/catalog.ts";
import type { DecompositionKind } from "@shared/analytics/decomposition.ts";

/**
 * Percentiles are not weighted averages of their segments, so a p95's change cannot be split
 * into mix and rate; every other catalog metric can.
 */
export const EXPLAINABLE_METRICS = METRICS.filter(
  (m) => m.aggregation !== "p50" && m.aggregation !== "p95",
);

const explainableKeys = EXPLAINABLE_METRICS.map((m) => m.key) as [MetricKey, ...MetricKey[]];

/** The page's own URL state; the range and dimension filters are the dashboards'. */
export const whyChangedParams = {
  metric: z.enum(explainableKeys).default("conversion"),
  by: z.enum(DIMENSION_KEYS).default("version_id"),
  deployment: z.uuid("Deployment ids in links are UUIDs.").optional(),
} satisfies UrlFilterSchemas;

export function decompositionKind(metric: Metric): DecompositionKind {
  return metric.aggregation === "sum" || metric.aggregation === "count" ? "additive" : "average";
}
