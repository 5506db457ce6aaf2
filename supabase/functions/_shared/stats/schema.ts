/**
 * The rows of experiment_metric_stats and experiment_cuped_stats as they arrive over HTTP
 * (snake_case; bigint and numeric columns may come back as strings), validated and turned into
 * the engine's MetricStatsRow and CupedStatsRow.
 */
import { z } from "zod";
import type { MetricStatsRow } from "./analyze.ts";
import type { CupedStatsRow } from "./cuped.ts";

const count = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int().min(0));
const real = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());

export const metricStatsRowSchema = z
  .object({
    variant_id: z.string().uuid(),
    metric: z.string().min(1),
    n: count,
    sum: real,
    sum_sq: real,
    exposures: count.nullish(),
  })
  .transform((r): MetricStatsRow => ({
    variantId: r.variant_id,
    metric: r.metric,
    n: r.n,
    sum: r.sum,
    sumSq: r.sum_sq,
    exposures: r.exposures ?? null,
  }));

export const metricStatsRowsSchema = z.array(metricStatsRowSchema);

export const cupedStatsRowSchema = z
  .object({
    variant_id: z.string().uuid(),
    metric: z.string().min(1),
    n_units: count,
    sum: real,
    sum_sq: real,
    pre_sum: real,
    pre_sum_sq: real,
    sum_pre_post: real,
    units_with_pre: count,
  })
  .refine((r) => r.units_with_pre <= r.n_units, {
    message: "units_with_pre cannot exceed n_units",
    path: ["units_with_pre"],
  })
  .transform((r): CupedStatsRow => ({
    variantId: r.variant_id,
    metric: r.metric,
    units: r.n_units,
    sum: r.sum,
    sumSq: r.sum_sq,
    preSum: r.pre_sum,
    preSumSq: r.pre_sum_sq,
    sumPrePost: r.sum_pre_post,
    unitsWithPre: r.units_with_pre,
  }));

export const cupedStatsRowsSchema = z.array(cupedStatsRowSchema);
