import { type Forecast, forecastSeries } from "@shared/analytics/forecast.ts";
import type { Granularity, MetricKey } from "./catalog";
import type { SeriesPoint } from "./series";

export const BUCKET_MS: Record<Granularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

// Weekly seasonality for daily data, daily for hourly; minutes and weeks have no season a
// chart's range can hold twice.
const SEASON: Record<Granularity, number | undefined> = {
  minute: undefined,
  hour: 24,
  day: 7,
  week: undefined,
};

export const forecastKey = (metric: string) => `${metric}__forecast`;
export const bandKey = (metric: string) => `${metric}__band`;

export interface ForecastOverlay {
  /** The chart's points followed by the forecast's future buckets. */
  points: SeriesPoint[];
  /** Per metric, the fitted forecast (for the legend's method name); absent when too little data. */
  forecasts: Partial<Record<MetricKey, Forecast>>;
}

/**
 * Adds a forecast for each metric after the last complete bucket: the bucket still in progress is
 * left out of the fit (a count for half an hour would drag the trend down), and the forecast runs
 * a fifth of the chart's length ahead. Buckets without data are carried forward so the fit sees a
 * regular series; a series with more than a fifth of its buckets missing gets no forecast.
 */
export function withForecast(
  points: readonly SeriesPoint[],
  metrics: readonly MetricKey[],
  granularity: Granularity,
  now: Date,
): ForecastOverlay {
  const step = BUCKET_MS[granularity];
  const complete = points.filter((p) => p.bucket + step <= now.getTime());
  if (complete.length === 0) return { points: [...points], forecasts: {} };
  const first = complete[0]!.bucket;
  const last = complete.at(-1)!.bucket;
  const slots = Math.round((last - first) / step) + 1;
  const horizon = Math.max(1, Math.round(slots / 5));
  const byBucket = new Map(points.map((p) => [p.bucket, { ...p } as ForecastPoint]));
  const at = (bucket: number): ForecastPoint => {
    let point = byBucket.get(bucket);
    if (!point) byBucket.set(bucket, (point = { bucket }));
    return point;
  };
  const forecasts: ForecastOverlay["forecasts"] = {};
  for (const metric of metrics) {
    const values: number[] = [];
    let missing = 0;
    let carried: number | null = null;
    for (let slot = 0; slot < slots; slot++) {
      const value = byBucket.get(first + slot * step)?.[metric] ?? null;
      if (value === null) missing++;
      else carried = value as number;
      if (carried !== null) values.push(carried);
    }
    if (missing > slots / 5) continue;
    const forecast = forecastSeries(values, { horizon, seasonLength: SEASON[granularity] });
    if (!forecast) continue;
    forecasts[metric] = forecast;
    // The dashed line starts where the solid one ends.
    at(last)[forecastKey(metric)] = values.at(-1)!;
    for (const p of forecast.points) {
      const point = at(last + p.step * step);
      point[forecastKey(metric)] = p.value;
      point[bandKey(metric)] = [p.lower, p.upper];
    }
  }
  return {
    points: [...byBucket.values()].sort((a, b) => a.bucket - b.bucket) as SeriesPoint[],
    forecasts,
  };
}

/** A chart point that may also hold forecast bands ([lower, upper], for recharts' range areas). */
type ForecastPoint = { bucket: number } & Record<string, number | null | [number, number]>;
