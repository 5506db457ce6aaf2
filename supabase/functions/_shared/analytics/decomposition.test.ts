import assert from "node:assert/strict";
import { decomposeChange, type SegmentPeriods, waterfallSteps } from "./decomposition.ts";

const close = (actual: number | null, expected: number, digits = 10) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 10 ** -digits,
    `${actual} ≠ ${expected}`,
  );

// Two intents. Refunds convert worse and gained traffic; orders' own rate dropped.
const ROWS: SegmentPeriods[] = [
  { segment: "order", baselineN: 800, baselineValue: 0.3, currentN: 500, currentValue: 0.25 },
  { segment: "refund", baselineN: 200, baselineValue: 0.1, currentN: 500, currentValue: 0.1 },
];

Deno.test("decomposition: mix and rate add up exactly to the change of a rate", () => {
  const d = decomposeChange(ROWS, "average");
  close(d.baseline, 0.26);
  close(d.current, 0.175);
  close(d.change, -0.085);
  close(d.mix + d.rate, -0.085);
  for (const s of d.segments) close(s.mix + s.rate, s.total);
});

Deno.test("decomposition: hand-computed symmetric split", () => {
  const d = decomposeChange(ROWS, "average");
  // M̄ = 0.2175. order: Δw = -0.3, r̄ = 0.275, w̄ = 0.65, Δr = -0.05.
  const order = d.segments.find((s) => s.segment === "order")!;
  close(order.mix, -0.3 * (0.275 - 0.2175));
  close(order.rate, 0.65 * -0.05);
  // refund: Δw = +0.3 towards a below-average segment, no rate change.
  const refund = d.segments.find((s) => s.segment === "refund")!;
  close(refund.mix, 0.3 * (0.1 - 0.2175));
  close(refund.rate, 0);
  assert.equal(d.segments[0]!.segment, "order", "largest contribution first");
});

Deno.test("decomposition: a segment in one period only is all mix", () => {
  const d = decomposeChange([
    { segment: "a", baselineN: 100, baselineValue: 0.5, currentN: 100, currentValue: 0.5 },
    { segment: "new", baselineN: 0, baselineValue: null, currentN: 100, currentValue: 0.1 },
  ], "average");
  close(d.change, -0.2);
  close(d.mix + d.rate, -0.2);
  const added = d.segments.find((s) => s.segment === "new")!;
  close(added.rate, 0);
  assert.ok(added.mix < 0);
});

Deno.test("decomposition: additive metrics split into per-segment changes", () => {
  const d = decomposeChange([
    { segment: "gpt", baselineN: 10, baselineValue: 40, currentN: 10, currentValue: 70 },
    { segment: "claude", baselineN: 10, baselineValue: 60, currentN: 10, currentValue: 50 },
  ], "additive");
  close(d.change, 20);
  assert.deepEqual(d.segments.map((s) => [s.segment, s.total]), [["gpt", 30], ["claude", -10]]);
  assert.equal(d.mix, 0);
});

Deno.test("decomposition: no data in a period gives no change rather than a made-up one", () => {
  const d = decomposeChange([
    { segment: "a", baselineN: 0, baselineValue: null, currentN: 5, currentValue: 1 },
  ], "average");
  assert.equal(d.change, null);
  assert.deepEqual(waterfallSteps(d), []);
});

Deno.test("waterfall: steps chain from the previous to the current value, the tail folded", () => {
  const rows: SegmentPeriods[] = Array.from({ length: 9 }, (_, i) => ({
    segment: `s${i}`,
    baselineN: 100,
    baselineValue: 0.2,
    currentN: 100 + i * 10,
    currentValue: 0.2 + i / 100,
  }));
  const d = decomposeChange(rows, "average");
  const steps = waterfallSteps(d, { top: 4 });
  assert.equal(steps.length, 1 + 4 + 1 + 1);
  assert.equal(steps.at(-2)!.label, "Other segments (5)");
  close(steps.at(-2)!.end, d.current!);
  for (let i = 2; i < steps.length - 1; i++) close(steps[i]!.start, steps[i - 1]!.end);
});
