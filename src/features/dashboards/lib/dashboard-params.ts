import { z } from "zod";

import type { UrlFilterSchemas, UrlFilterValues } from "@/features/filters";
import { METRIC_KEYS, type DimensionKey, type MetricKey } from "./catalog";

const ids = z.array(z.uuid("Ids in links are UUIDs.")).max(20).optional();
const names = z.array(z.string().trim().min(1).max(256)).max(20).optional();

/**
 * Dimension filters in the URL. The names are the Runs explorer's (?experiment=…&intent=…), so a
 * drill-down hands its filters over unchanged. Several values of one filter mean "any of them".
 */
export const dimensionFilterParams = {
  experiment: ids,
  variant: ids,
  version: ids,
  model: names,
  capability: names,
  action: names,
  intent: names,
  account: names,
  status: z
    .array(z.enum(["ok", "error", "timeout", "cancelled"]))
    .max(4)
    .optional(),
} satisfies UrlFilterSchemas;

export type DimensionFilterParam = keyof typeof dimensionFilterParams;
export type DimensionFilters = UrlFilterValues<typeof dimensionFilterParams>;

/** Which catalog dimension each URL filter narrows. */
export const FILTER_DIMENSIONS: Record<DimensionFilterParam, DimensionKey> = {
  experiment: "experiment_id",
  variant: "variant_id",
  version: "version_id",
  model: "model",
  capability: "capability",
  action: "action",
  intent: "intent",
  account: "account",
  status: "status",
} as Record<DimensionFilterParam, DimensionKey>;

export const FILTER_PARAMS = Object.keys(dimensionFilterParams) as DimensionFilterParam[];

export const FILTER_LABELS: Record<DimensionFilterParam, string> = {
  experiment: "Experiment",
  variant: "Variant",
  version: "Version",
  model: "Model",
  capability: "Capability",
  action: "Action",
  intent: "Intent",
  account: "Account",
  status: "Status",
};

/** The RPCs' p_filters: dimension key → accepted values, only for filters that are set. */
export function toRpcFilters(filters: DimensionFilters): Partial<Record<DimensionKey, string[]>> {
  const result: Partial<Record<DimensionKey, string[]>> = {};
  for (const param of FILTER_PARAMS) {
    const values = filters[param];
    if (values && values.length > 0) result[FILTER_DIMENSIONS[param]] = [...values];
  }
  return result;
}

const metric = z.enum(METRIC_KEYS);

/** The Overview's own state: chosen chart metrics, metric type, bar chart dimension and metric. */
export const overviewParams = {
  metrics: z.array(metric).min(1).max(4).optional(),
  category: z.enum(["outcome", "llm"]).optional(),
  by: z
    .enum([
      "model",
      "experiment_id",
      "version_id",
      "capability",
      "action",
      "intent",
      "account",
      "provider",
      "status",
    ])
    .optional(),
  barMetric: metric.optional(),
  /** "on" draws a forecast after the metrics-over-time lines. */
  forecast: z.enum(["on"]).optional(),
} satisfies UrlFilterSchemas;

export type BreakdownDimension = NonNullable<UrlFilterValues<typeof overviewParams>["by"]>;

export const BREAKDOWN_LABELS: Record<BreakdownDimension, string> = {
  model: "Model",
  provider: "Provider",
  experiment_id: "Experiment",
  version_id: "Version",
  capability: "Capability",
  action: "Action",
  intent: "Intent",
  account: "Account",
  status: "Status",
};

export const DEFAULT_CHART_METRICS: MetricKey[] = ["conversion", "latency_p95"] as MetricKey[];
export const DEFAULT_BREAKDOWN: BreakdownDimension = "model";

/** The drill-down's metric (?metric=conversion); the path is set by the dimension filters. */
export const drillParams = { metric } satisfies UrlFilterSchemas;
