import assert from "node:assert/strict";
import { analyzeExperiment, cupedAdjust, cupedArmFromRow, type CupedStatsRow } from "./index.ts";

// Unit-level values, each unit's in-experiment mean y tracking its pre-period mean x. CUPED's
// adjusted arms must be exactly the plain mean and sample variance of y − θ·x, with θ the pooled
// regression slope: an independent check of the sums-based formulas.
interface Unit {
  pre: number | null;
  post: number;
}

function generate(seed: number, n: number, effect: number): Unit[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => {
    const level = 20 + 10 * random();
    // Every 50th unit was not seen before the experiment (its pre value counts as 0).
    const pre = i % 50 === 0 ? null : level + (random() - 0.5) * 2;
    return { pre, post: level + effect + (random() - 0.5) * 2 };
  });
}

function row(variantId: string, units: Unit[]): CupedStatsRow {
  const x = units.map((u) => u.pre ?? 0);
  const y = units.map((u) => u.post);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    variantId,
    metric: "order_value",
    units: units.length,
    sum: sum(y),
    sumSq: sum(y.map((v) => v * v)),
    preSum: sum(x),
    preSumSq: sum(x.map((v) => v * v)),
    sumPrePost: sum(x.map((v, i) => v * y[i]!)),
    unitsWithPre: units.filter((u) => u.pre !== null).length,
  };
}

const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const varianceOf = (v: number[]) => {
  const m = meanOf(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
};
const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

const control = generate(7, 400, 0);
const treatment = generate(11, 400, 0.5);
const rows = [row("c", control), row("t", treatment)];

Deno.test("cuped: adjusted arms are the mean and variance of y − θx, θ the pooled slope", () => {
  const all = [...control, ...treatment];
  const x = all.map((u) => u.pre ?? 0);
  const y = all.map((u) => u.post);
  const mx = meanOf(x);
  const my = meanOf(y);
  const theta = x.reduce((a, v, i) => a + (v - mx) * (y[i]! - my), 0) /
    x.reduce((a, v) => a + (v - mx) ** 2, 0);

  const adjustment = cupedAdjust(cupedArmFromRow(rows[0]!), cupedArmFromRow(rows[1]!));
  close(adjustment.theta, theta);
  for (
    const [units, arm] of [[control, adjustment.control], [
      treatment,
      adjustment.treatment,
    ]] as const
  ) {
    const z = units.map((u) => u.post - theta * (u.pre ?? 0));
    close(arm.mean, meanOf(z));
    close(arm.variance, varianceOf(z));
    close(arm.baseMean, meanOf(units.map((u) => u.post)));
  }
  const plain = (units: Unit[]) => varianceOf(units.map((u) => u.post)) / units.length;
  const adjusted = (units: Unit[]) =>
    varianceOf(units.map((u) => u.post - theta * (u.pre ?? 0))) / units.length;
  close(
    adjustment.varianceReduction,
    1 - (adjusted(control) + adjusted(treatment)) / (plain(control) + plain(treatment)),
  );
  // The units never seen before (pre = 0) weaken the fit, yet the pre-period still helps.
  assert.ok(adjustment.varianceReduction > 0.2, `${adjustment.varianceReduction}`);
});

Deno.test("cuped: analyzeExperiment compares unit-level means with CUPED, as a mean", () => {
  const input = {
    variants: [
      { id: "c", name: "Control", isControl: true, weight: 1 },
      { id: "t", name: "Treatment", isControl: false, weight: 1 },
    ],
    // A rate metric on purpose: per-unit rates are compared as means (Welch's t), not proportions.
    metrics: [{
      key: "order_value",
      label: "Order value",
      kind: "rate" as const,
      direction: "increase" as const,
      role: "primary" as const,
    }],
    rows: [
      { variantId: "c", metric: "order_value", n: 1000, sum: 500, sumSq: 500, exposures: 400 },
      { variantId: "t", metric: "order_value", n: 1000, sum: 520, sumSq: 520, exposures: 400 },
    ],
    cupedRows: rows,
  };
  const v = analyzeExperiment({ ...input, options: { cuped: true } }).metrics[0]!.variants[0]!;
  assert.equal(v.cuped?.applied, true);
  assert.equal(v.comparison?.method, "welch-t");
  assert.equal(v.control.n, 400);
  close(v.treatment.mean, rows[1]!.sum / 400);
  const adjustment = cupedAdjust(cupedArmFromRow(rows[0]!), cupedArmFromRow(rows[1]!));
  close(v.comparison!.absolute.estimate, adjustment.treatment.mean - adjustment.control.mean);

  const off = analyzeExperiment(input).metrics[0]!.variants[0]!;
  assert.equal(off.cuped, null);
  assert.equal(off.comparison?.method, "two-proportion-z");
  assert.equal(off.control.n, 1000);
});
