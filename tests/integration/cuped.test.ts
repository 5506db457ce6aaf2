// experiment_cuped_stats feeds CUPED: on runs and outcomes planted so that each unit's behaviour
// before the experiment predicts its behaviour in it, the RPC returns the unit-level sums a plain
// computation over the planted data gives (units without a pre-period count as 0, units without
// runs in the experiment and runs outside the two periods don't count), and the engine's CUPED
// interval is much narrower than the unadjusted one around the same effect.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  analyzeExperiment,
  cupedStatsRowsSchema,
  type CupedStatsRow,
  type MetricSpec,
  metricStatsRowsSchema,
} from "../../supabase/functions/_shared/stats/index";
import { adminSql } from "./support/db";
import {
  activeExperiment,
  createTestOrg,
  signIn,
  type ServingSetup,
  type TestOrg,
} from "./support/experiments";

const DAY = 24 * 60 * 60 * 1000;
const UNITS = 200;
const RUNS_PER_PERIOD = 4;
const LATENCY_EFFECT = 30;
type Arm = "control" | "treatment";

/** One unit in 40 was never seen before the experiment (its pre-period value counts as 0). */
const seenBefore = (i: number) => i % 40 !== 39;
/** A unit's conversions out of its runs: its own propensity, a little noise, and the effect. */
const conversions = (arm: Arm, i: number, period: "pre" | "post") => {
  const level = i % 5;
  if (period === "pre") return level;
  const noise = (i * 3) % 7 === 0 ? 1 : (i * 5) % 7 === 0 ? -1 : 0;
  const effect = arm === "treatment" && i % 3 === 0 ? 1 : 0;
  return Math.max(0, Math.min(RUNS_PER_PERIOD, level + noise + effect));
};
/** A unit's latency: its own level (large spread) plus small noise, and the effect in treatment. */
const latency = (arm: Arm, i: number, period: "pre" | "post", run: number) =>
  400 +
  50 * (i % 9) +
  (period === "pre" ? ((i + run) % 4) * 3 : ((i * 7 + run) % 5) * 3) +
  (period === "post" && arm === "treatment" ? LATENCY_EFFECT : 0);

let org: TestOrg;
let other: TestOrg;
let setup: ServingSetup;
let metricKey: string;

beforeAll(async () => {
  org = await createTestOrg("cuped");
  other = await createTestOrg("cuped-other");
  setup = await activeExperiment(org, { capabilityKey: "Cuped" });
  const [metric] = await adminSql<{ key: string }[]>`
    select key from public.metric_definitions where id = ${setup.primaryMetric}`;
  metricKey = metric!.key;
  const now = Date.now();
  // Two days in: the pre-period is the two days before that.
  await adminSql`update public.experiments set activated_at = ${new Date(now - 2 * DAY)}
                 where id = ${setup.experiment}`;

  const runs: Record<string, unknown>[] = [];
  const outcomes: Record<string, unknown>[] = [];
  const run = (
    endUser: string,
    at: Date,
    latencyMs: number,
    converted: boolean,
    arm: Arm | null,
  ) => {
    const id = randomUUID();
    runs.push({
      id,
      organization_id: org.orgId,
      idempotency_key: `run-${id}`,
      event_hash: randomUUID(),
      occurred_at: at,
      end_user_id: endUser,
      experiment_id: arm ? setup.experiment : null,
      variant_id: arm ? setup.variants[arm] : null,
      version_id: arm ? setup.versions[arm] : null,
      latency_ms: latencyMs,
      status: "ok",
    });
    outcomes.push({
      organization_id: org.orgId,
      idempotency_key: `outcome-${id}`,
      event_hash: randomUUID(),
      metric_key: metricKey,
      value: converted ? 1 : 0,
      occurred_at: at,
      run_id: id,
    });
  };

  const exposures: Record<string, unknown>[] = [];
  for (const arm of ["control", "treatment"] as const) {
    // Five more units per arm were exposed but never ran in the experiment: not counted.
    for (let i = 0; i < UNITS + 5; i++) {
      const unit = `${arm}-${i}`;
      exposures.push({
        experiment_id: setup.experiment,
        unit_id: unit,
        organization_id: org.orgId,
        variant_id: setup.variants[arm],
        version_id: setup.versions[arm],
      });
      if (i >= UNITS) continue;
      // Before the pre-period began: ignored.
      run(unit, new Date(now - 6 * DAY), 99_999, true, null);
      for (let r = 0; r < RUNS_PER_PERIOD; r++) {
        if (seenBefore(i)) {
          run(
            unit,
            new Date(now - 3 * DAY),
            latency(arm, i, "pre", r),
            r < conversions(arm, i, "pre"),
            null,
          );
        }
        run(
          unit,
          new Date(now - DAY + r * 60_000),
          latency(arm, i, "post", r),
          r < conversions(arm, i, "post"),
          arm,
        );
      }
    }
    // A run with the variant from someone never exposed: not a unit of the experiment.
    run(`stranger-${arm}`, new Date(now - DAY), 5_000, true, arm);
  }
  await adminSql`insert into public.exposures ${adminSql(exposures)}`;
  await adminSql`insert into public.llm_runs ${adminSql(runs)}`;
  await adminSql`insert into public.outcomes ${adminSql(outcomes)}`;
}, 120_000);

afterAll(async () => {
  await org?.delete();
  await other?.delete();
});

/** The unit-level sums of one arm's units, computed here from its planting rule. */
function expectedSums(unitValue: (i: number, period: "pre" | "post") => number) {
  let sum = 0;
  let sumSq = 0;
  let preSum = 0;
  let preSumSq = 0;
  let sumPrePost = 0;
  let unitsWithPre = 0;
  for (let i = 0; i < UNITS; i++) {
    const post = unitValue(i, "post");
    const pre = seenBefore(i) ? unitValue(i, "pre") : 0;
    sum += post;
    sumSq += post * post;
    preSum += pre;
    preSumSq += pre * pre;
    sumPrePost += pre * post;
    if (seenBefore(i)) unitsWithPre++;
  }
  return { units: UNITS, sum, sumSq, preSum, preSumSq, sumPrePost, unitsWithPre };
}

const meanOver = (f: (run: number) => number) =>
  Array.from({ length: RUNS_PER_PERIOD }, (_, r) => f(r)).reduce((a, b) => a + b, 0) /
  RUNS_PER_PERIOD;

function expectSums(actual: CupedStatsRow, expected: ReturnType<typeof expectedSums>) {
  expect(actual.units).toBe(expected.units);
  expect(actual.unitsWithPre).toBe(expected.unitsWithPre);
  for (const key of ["sum", "sumSq", "preSum", "preSumSq", "sumPrePost"] as const) {
    expect(actual[key], key).toBeCloseTo(expected[key], 6);
  }
}

describe("experiment_cuped_stats → CUPED", () => {
  it("returns per unit the sums the planted data gives, and CUPED narrows the interval around the same effect", async () => {
    const client = await signIn(org.users.product_manager);
    const cupedResponse = await client.rpc("experiment_cuped_stats", {
      p_experiment_id: setup.experiment,
    });
    expect(cupedResponse.error).toBeNull();
    const cupedRows = cupedStatsRowsSchema.parse(cupedResponse.data);
    const cupedRow = (arm: Arm, metric: string) =>
      cupedRows.find((r) => r.variantId === setup.variants[arm] && r.metric === metric)!;

    for (const arm of ["control", "treatment"] as const) {
      expectSums(
        cupedRow(arm, "latency_mean"),
        expectedSums((i, period) => meanOver((r) => latency(arm, i, period, r))),
      );
      expectSums(
        cupedRow(arm, metricKey),
        expectedSums((i, period) => conversions(arm, i, period) / RUNS_PER_PERIOD),
      );
      // Every run was ok: each unit's error rate is 0, but the units still count.
      expect(cupedRow(arm, "error_rate")).toMatchObject({
        units: UNITS,
        sum: 0,
        unitsWithPre: expectedSums(() => 0).unitsWithPre,
      });
      // No run had a cost: no unit has a value.
      expect(cupedRow(arm, "cost_per_run")).toMatchObject({ units: 0, unitsWithPre: 0 });
    }

    const statsResponse = await client.rpc("experiment_metric_stats", {
      p_experiment_id: setup.experiment,
    });
    expect(statsResponse.error).toBeNull();
    const rows = metricStatsRowsSchema.parse(statsResponse.data);
    const metrics: MetricSpec[] = [
      { key: metricKey, label: "Conversion", kind: "rate", direction: "increase", role: "primary" },
      {
        key: "latency_mean",
        label: "Mean latency",
        kind: "mean",
        direction: "decrease",
        role: "llm",
      },
    ];
    const input = {
      variants: [
        { id: setup.variants.control, name: "Control", isControl: true, weight: 5000 },
        { id: setup.variants.treatment, name: "Treatment", isControl: false, weight: 5000 },
      ],
      metrics,
      rows,
      cupedRows,
    };
    const plain = analyzeExperiment(input);
    const cuped = analyzeExperiment({ ...input, options: { cuped: true } });
    for (const [index, metric] of metrics.entries()) {
      const p = plain.metrics[index]!.variants[0]!;
      const c = cuped.metrics[index]!.variants[0]!;
      expect(c.cuped, metric.key).toMatchObject({ applied: true });
      if (!c.cuped?.applied) throw new Error(`CUPED not applied to ${metric.key}`);
      // Against the same per-unit comparison without CUPED: more than half the variance is gone.
      expect(c.cuped.varianceReduction, metric.key).toBeGreaterThan(0.5);
      // And narrower than what the page shows without CUPED (per observation).
      const width = (v: typeof p) => v.comparison!.absolute.upper - v.comparison!.absolute.lower;
      expect(width(c), metric.key).toBeLessThan(width(p));
      // Both arms have the same pre-period by construction, so the effect does not move.
      expect(c.comparison!.absolute.estimate).toBeCloseTo(c.treatment.mean - c.control.mean, 9);
      expect(
        Math.abs(c.comparison!.absolute.estimate - p.comparison!.absolute.estimate),
        metric.key,
      ).toBeLessThan(p.comparison!.absolute.se / 2);
    }
    const latencyEffect = cuped.metrics[1]!.variants[0]!.comparison!.absolute;
    expect(latencyEffect.estimate).toBeCloseTo(LATENCY_EFFECT, 6);
    expect(latencyEffect.lower).toBeGreaterThan(0);
  });

  it("refuses members of another organization", async () => {
    const client = await signIn(other.users.product_manager);
    const { data, error } = await client.rpc("experiment_cuped_stats", {
      p_experiment_id: setup.experiment,
    });
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
  });
});
