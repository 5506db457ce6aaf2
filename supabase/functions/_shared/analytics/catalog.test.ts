import assert from "node:assert/strict";
import {
  DIMENSION_KEYS,
  DIMENSIONS,
  filtersSchema,
  granularityFor,
  isDimensionKey,
  isMetricKey,
  metric,
  METRIC_KEYS,
  METRICS,
  metricSchema,
  previousPeriod,
} from "./catalog.ts";

const at = (iso: string) => new Date(iso);
const minus = (to: Date, ms: number) => new Date(to.getTime() - ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = at("2026-11-21T12:34:56Z");

Deno.test("catalog: every metric and dimension key once, outcome metrics read their outcome key", () => {
  assert.deepEqual(METRICS.map((m) => m.key), [...METRIC_KEYS]);
  assert.deepEqual(DIMENSIONS.map((d) => d.key), [...DIMENSION_KEYS]);
  for (const m of METRICS) {
    assert.equal(m.source === "outcomes", m.category === "outcome", m.key);
    if (m.source === "outcomes") assert.equal(m.outcomeMetricKey, m.key);
  }
  assert.equal(metric("latency_p95").aggregation, "p95");
  assert.equal(metric("thumbs_up_rate").source, "feedback");
  assert.equal(metric("error_rate").direction, "decrease");
});

Deno.test("catalog: the schema rejects an outcome metric without its outcome key", () => {
  const bad = { ...metric("conversion"), outcomeMetricKey: undefined };
  assert.equal(metricSchema.safeParse(bad).success, false);
  const stray = { ...metric("runs"), outcomeMetricKey: "runs" };
  assert.equal(metricSchema.safeParse(stray).success, false);
});

Deno.test("catalog: key guards", () => {
  assert.ok(isMetricKey("conversion"));
  assert.ok(!isMetricKey("conversions"));
  assert.ok(isDimensionKey("is_manual"));
  assert.ok(!isDimensionKey("organization_id"));
});

Deno.test("granularityFor: minutes up to 6 h, hours for 1D and 7D, days to 6M, weeks beyond", () => {
  assert.equal(granularityFor(minus(now, HOUR), now), "minute");
  assert.equal(granularityFor(minus(now, 6 * HOUR), now), "minute");
  assert.equal(granularityFor(minus(now, 6 * HOUR + 1), now), "hour");
  assert.equal(granularityFor(minus(now, DAY), now), "hour");
  assert.equal(granularityFor(minus(now, 7 * DAY), now), "hour");
  assert.equal(granularityFor(minus(now, 8 * DAY + 1), now), "day");
  assert.equal(granularityFor(minus(now, 30 * DAY), now), "day");
  assert.equal(granularityFor(minus(now, 182 * DAY), now), "day");
  assert.equal(granularityFor(minus(now, 186 * DAY + 1), now), "week");
  assert.equal(granularityFor(minus(now, 365 * DAY), now), "week");
});

Deno.test("granularityFor: every preset range stays under the RPC's 3000-bucket limit", () => {
  const size = { minute: 60_000, hour: HOUR, day: DAY, week: 7 * DAY };
  for (const days of [0.25, 1, 7, 30, 91, 182, 365, 3 * 365]) {
    const from = minus(now, days * DAY);
    const buckets = (days * DAY) / size[granularityFor(from, now)];
    assert.ok(buckets <= 3000, `${days} days: ${buckets} buckets`);
  }
});

Deno.test("previousPeriod: the same length, ending where the range starts", () => {
  const from = at("2026-11-14T00:00:00Z");
  const to = at("2026-11-21T00:00:00Z");
  assert.deepEqual(previousPeriod(from, to), { from: at("2026-11-07T00:00:00Z"), to: from });
});

Deno.test("filtersSchema: dimension keys to non-empty string arrays only", () => {
  assert.ok(filtersSchema.safeParse({ intent: ["refund"], is_manual: ["false"] }).success);
  assert.equal(filtersSchema.safeParse({ intent: [] }).success, false);
  assert.equal(filtersSchema.safeParse({ colour: ["red"] }).success, false);
  assert.equal(filtersSchema.safeParse({ model: "gpt" }).success, false);
});
