import { format } from "date-fns";

import type { MetricSeriesRow } from "../api/metric-rpcs";
import type { Granularity, MetricKey } from "./catalog";

/** One point per bucket: `bucket` in ms and, per metric, its value and sample size. */
export interface SeriesPoint {
  bucket: number;
  [metricOrSample: string]: number | null;
}

export const sampleKey = (metric: string) => `${metric}__n`;

/** Rows of metric_series (one per bucket and metric) as chart points, oldest first. */
export function pivotSeries(
  rows: readonly MetricSeriesRow[],
  metrics: readonly MetricKey[],
): SeriesPoint[] {
  const points = new Map<number, SeriesPoint>();
  for (const row of rows) {
    if (!metrics.includes(row.metric)) continue;
    const bucket = new Date(row.bucket).getTime();
    let point = points.get(bucket);
    if (!point) {
      point = { bucket };
      for (const metric of metrics) {
        point[metric] = null;
        point[sampleKey(metric)] = 0;
      }
      points.set(bucket, point);
    }
    point[row.metric] = row.value;
    point[sampleKey(row.metric)] = row.n;
  }
  return [...points.values()].sort((a, b) => a.bucket - b.bucket);
}

export interface PeriodPoint {
  /** The bucket in the current period. */
  bucket: number;
  /** The matching bucket one period earlier. */
  previousBucket: number;
  current: number | null;
  currentN: number;
  previous: number | null;
  previousN: number;
}

/**
 * The current and the previous period side by side: a previous bucket lines up with the current
 * bucket exactly one period length later, so "day 3" meets "day 3" even where data is missing.
 */
export function alignPeriods(
  current: readonly MetricSeriesRow[],
  previous: readonly MetricSeriesRow[],
  metric: MetricKey,
  periodLength: number,
): PeriodPoint[] {
  const points = new Map<number, PeriodPoint>();
  const at = (bucket: number): PeriodPoint => {
    let point = points.get(bucket);
    if (!point) {
      point = {
        bucket,
        previousBucket: bucket - periodLength,
        current: null,
        currentN: 0,
        previous: null,
        previousN: 0,
      };
      points.set(bucket, point);
    }
    return point;
  };
  for (const row of current) {
    if (row.metric !== metric) continue;
    const point = at(new Date(row.bucket).getTime());
    point.current = row.value;
    point.currentN = row.n;
  }
  for (const row of previous) {
    if (row.metric !== metric) continue;
    const point = at(new Date(row.bucket).getTime() + periodLength);
    point.previous = row.value;
    point.previousN = row.n;
  }
  return [...points.values()].sort((a, b) => a.bucket - b.bucket);
}

const BUCKET_FORMATS: Record<Granularity, string> = {
  minute: "MMM d, HH:mm",
  hour: "MMM d, HH:mm",
  day: "EEE, MMM d, yyyy",
  week: "'Week of' MMM d, yyyy",
};

const TICK_FORMATS: Record<Granularity, string> = {
  minute: "HH:mm",
  hour: "MMM d HH:mm",
  day: "MMM d",
  week: "MMM d",
};

/** A bucket in a tooltip: "Tue, Nov 3, 2026", "Week of Nov 2, 2026". */
export function formatBucket(bucket: number, granularity: Granularity): string {
  return format(bucket, BUCKET_FORMATS[granularity]);
}

/** A bucket on an axis: short. */
export function formatTick(bucket: number, granularity: Granularity): string {
  return format(bucket, TICK_FORMATS[granularity]);
}

/** The time axis every dashboard chart shares: buckets as epoch ms, ticks labelled by granularity. */
export function timeAxisProps(granularity: Granularity) {
  return {
    dataKey: "bucket",
    type: "number",
    scale: "time",
    domain: ["dataMin", "dataMax"],
    tickFormatter: (value: number) => formatTick(value, granularity),
    stroke: "var(--muted-foreground)",
    fontSize: 11,
    tickMargin: 6,
    minTickGap: 24,
  } as const;
}
