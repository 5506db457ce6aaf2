import { describe, expect, it } from "vitest";

import type { MetricSeriesRow } from "../api/metric-rpcs";
import type { MetricKey } from "./catalog";
import { alignPeriods, pivotSeries, sampleKey } from "./series";

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * DAY).toISOString();
const row = (bucket: string, metric: string, value: number | null, n: number): MetricSeriesRow => ({
  bucket,
  metric: metric as MetricKey,
  value,
  n,
});

describe("pivotSeries", () => {
  it("puts each bucket's metrics on one point, oldest first, missing metrics as null", () => {
    const points = pivotSeries(
      [
        row(day(1), "conversion", 0.2, 10),
        row(day(0), "conversion", 0.1, 5),
        row(day(1), "cost", 3.5, 10),
      ],
      ["conversion", "cost"] as MetricKey[],
    );
    expect(points).toEqual([
      {
        bucket: Date.parse(day(0)),
        conversion: 0.1,
        [sampleKey("conversion")]: 5,
        cost: null,
        [sampleKey("cost")]: 0,
      },
      {
        bucket: Date.parse(day(1)),
        conversion: 0.2,
        [sampleKey("conversion")]: 10,
        cost: 3.5,
        [sampleKey("cost")]: 10,
      },
    ]);
  });
});

describe("alignPeriods", () => {
  it("lines the previous period's buckets up with this period's, one period length apart", () => {
    const period = 7 * DAY;
    const points = alignPeriods(
      [row(day(7), "csat", 4.5, 2), row(day(9), "csat", 4.1, 3)],
      [row(day(0), "csat", 4, 1), row(day(1), "csat", 3.9, 1), row(day(1), "cost", 1, 1)],
      "csat" as MetricKey,
      period,
    );
    expect(points.map((p) => [p.bucket - Date.parse(day(7)), p.current, p.previous])).toEqual([
      [0, 4.5, 4],
      [DAY, null, 3.9],
      [2 * DAY, 4.1, null],
    ]);
    expect(points[1]!.previousBucket).toBe(Date.parse(day(1)));
  });
});
