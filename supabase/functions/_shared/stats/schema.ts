/**
 * The rows of experiment_metric_stats as they arrive over HTTP (snake_case; bigint and numeric
 * columns may come back as strings), validated and turned into the engine's MetricStatsRow.
 */
import { z } from "zod";
import type { MetricStatsRow } from "./analyze.ts";

const count = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int().min(0));
const real = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());

export const metricStatsRowSchema = z
  .object({
    variant_id: z.string().uuid(),
    metric: z.string().min(1),
    n: count,
    sum: real,
    sum_sq: real,
    pre_n: count.nullish(),
    pre_sum: real.nullish(),
    pre_sum_sq: real.nullish(),
    sum_pre_post: real.nullish(),
    exposures: count.nullish(),
  })
  .transform((r): MetricStatsRow => ({
    variantId: r.variant_id,
    metric: r.metric,
    n: r.n,
    sum: r.sum,
    sumSq: r.sum_sq,
    preN: r.pre_n ?? null,
    preSum: r.pre_sum ?? null,
    preSumSq: r.pre_sum_sq ?? null,
    sumPrePost: r.sum_pre_post ?? null,
    exposures: r.exposures ?? null,
  }));

export const metricStatsRowsSchema = z.array(metricStatsRowSchema);
