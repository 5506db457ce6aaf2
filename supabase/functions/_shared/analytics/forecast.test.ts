import assert from "node:assert/strict";
import { forecastSeries } from "./forecast.ts";

Deno.test("forecast: too short a series gives no forecast", () => {
  assert.equal(forecastSeries([1, 2, 3], { horizon: 3 }), null);
  assert.equal(forecastSeries([1, 2, Number.NaN, 4, 5], { horizon: 3 }), null);
});

Deno.test("forecast: a straight line continues with a near-zero band (Holt)", () => {
  const line = Array.from({ length: 20 }, (_, i) => 10 + 2 * i);
  const f = forecastSeries(line, { horizon: 3 })!;
  assert.equal(f.method, "holt");
  assert.deepEqual(f.points.map((p) => Math.round(p.value * 1e6) / 1e6), [50, 52, 54]);
  assert.ok(f.sigma < 1e-9);
});

Deno.test("forecast: weekly seasonality with trend is recovered (Holt-Winters)", () => {
  const pattern = [5, 6, 7, 8, 7, 2, 1];
  const series = Array.from({ length: 56 }, (_, i) => 100 + 0.5 * i + pattern[i % 7]!);
  const f = forecastSeries(series, { horizon: 14, seasonLength: 7 })!;
  assert.equal(f.method, "holt-winters");
  assert.equal(f.seasonLength, 7);
  assert.match(f.label, /Holt-Winters/);
  f.points.forEach((p) => {
    const truth = 100 + 0.5 * (55 + p.step) + pattern[(55 + p.step) % 7]!;
    assert.ok(Math.abs(p.value - truth) < 0.5, `step ${p.step}: ${p.value} vs ${truth}`);
  });
});

Deno.test("forecast: the band contains the point and widens with the horizon", () => {
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
  const series = Array.from({ length: 42 }, (_, i) => 50 + (i % 7 === 5 ? -10 : 0) + noise());
  const f = forecastSeries(series, { horizon: 10, seasonLength: 7, level: 0.8 })!;
  for (const p of f.points) assert.ok(p.lower < p.value && p.value < p.upper);
  const width = (i: number) => f.points[i]!.upper - f.points[i]!.lower;
  assert.ok(width(9) > width(0));
  assert.match(f.label, /80% band/);
});

Deno.test("forecast: fewer than two seasons falls back to Holt's linear trend", () => {
  const f = forecastSeries([3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { horizon: 2, seasonLength: 7 })!;
  assert.equal(f.method, "holt");
  assert.equal(f.seasonLength, null);
});
