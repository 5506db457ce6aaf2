// experiment_metric_stats feeds the statistics engine: on runs, outcomes and exposures ingested
// here (some rolled up, some still in the not-yet-rolled tail), the RPC returns per variant the
// same sufficient statistics the raw rows give, the engine's schema accepts them as they come over
// HTTP, and the analysis finds the planted effect.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  analyzeExperiment,
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
const UNITS = 400;
// Control converts 30% of units, treatment 40%: a planted +33% lift, clear at 400 units per arm
// and below the engine's ±50% "implausible" guard rail.
const converts = (variant: "control" | "treatment", i: number) =>
  variant === "control" ? i % 10 < 3 : i % 5 < 2;

let org: TestOrg;
let other: TestOrg;
let setup: ServingSetup;
let metricKey: string;

async function ingest(variant: "control" | "treatment", from: number, to: number, at: Date) {
  const runs = [];
  const outcomes = [];
  for (let i = from; i < to; i++) {
    const id = randomUUID();
    runs.push({
      id,
      organization_id: org.orgId,
      idempotency_key: `run-${id}`,
      event_hash: randomUUID(),
      occurred_at: at,
      end_user_id: `${variant}-${i}`,
      experiment_id: setup.experiment,
      variant_id: setup.variants[variant],
      version_id: setup.versions[variant],
      latency_ms: 500 + (i % 7) * 10,
      cost_usd: 0.001,
      status: i % 20 === 0 ? "error" : "ok",
    });
    outcomes.push({
      organization_id: org.orgId,
      idempotency_key: `outcome-${id}`,
      event_hash: randomUUID(),
      metric_key: metricKey,
      value: converts(variant, i) ? 1 : 0,
      occurred_at: at,
      run_id: id,
    });
  }
  await adminSql`insert into public.llm_runs ${adminSql(runs)}`;
  await adminSql`insert into public.outcomes ${adminSql(outcomes)}`;
}

beforeAll(async () => {
  org = await createTestOrg("stats");
  other = await createTestOrg("stats-other");
  setup = await activeExperiment(org, { capabilityKey: "Stats" });
  const [metric] = await adminSql<{ key: string }[]>`
    select key from public.metric_definitions where id = ${setup.primaryMetric}`;
  metricKey = metric!.key;
  await adminSql`update public.experiments set activated_at = now() - interval '2 days'
                 where id = ${setup.experiment}`;
  const exposures = (["control", "treatment"] as const).flatMap((variant) =>
    Array.from({ length: UNITS }, (_, i) => ({
      experiment_id: setup.experiment,
      unit_id: `${variant}-${i}`,
      organization_id: org.orgId,
      variant_id: setup.variants[variant],
      version_id: setup.versions[variant],
    })),
  );
  await adminSql`insert into public.exposures ${adminSql(exposures)}`;
  // Half before a rollup refresh, half after: the RPC must add the tail to the rollups.
  const yesterday = new Date(Date.now() - DAY);
  await ingest("control", 0, UNITS / 2, yesterday);
  await ingest("treatment", 0, UNITS / 2, yesterday);
  await adminSql`select private.refresh_rollups()`;
  await ingest("control", UNITS / 2, UNITS, new Date());
  await ingest("treatment", UNITS / 2, UNITS, new Date());
}, 120_000);

afterAll(async () => {
  await org?.delete();
  await other?.delete();
});

describe("experiment_metric_stats → statistics engine", () => {
  it("returns the raw sufficient statistics per variant, and the engine finds the planted effect", async () => {
    const client = await signIn(org.users.product_manager);
    const { data, error } = await client.rpc("experiment_metric_stats", {
      p_experiment_id: setup.experiment,
    });
    expect(error).toBeNull();
    const rows = metricStatsRowsSchema.parse(data);

    const row = (variant: "control" | "treatment", metric: string) =>
      rows.find((r) => r.variantId === setup.variants[variant] && r.metric === metric)!;
    for (const variant of ["control", "treatment"] as const) {
      const conversions = Array.from({ length: UNITS }, (_, i) => converts(variant, i)).filter(
        Boolean,
      ).length;
      expect(row(variant, metricKey)).toMatchObject({
        n: UNITS,
        sum: conversions,
        sumSq: conversions,
        exposures: UNITS,
      });
      expect(row(variant, "error_rate")).toMatchObject({ n: UNITS, sum: UNITS / 20 });
      expect(row(variant, "latency_mean").n).toBe(UNITS);
    }

    const analysis = analyzeExperiment({
      variants: [
        { id: setup.variants.control, name: "Control", isControl: true, weight: 5000 },
        { id: setup.variants.treatment, name: "Treatment", isControl: false, weight: 5000 },
      ],
      metrics: [
        {
          key: metricKey,
          label: "Conversion",
          kind: "rate",
          direction: "increase",
          role: "primary",
        },
        {
          key: "error_rate",
          label: "Error rate",
          kind: "rate",
          direction: "decrease",
          role: "llm",
        },
      ],
      rows,
    });
    expect(analysis.srm?.mismatch).toBe(false);
    const conversion = analysis.metrics[0]!.variants[0]!;
    expect(conversion.comparison!.absolute.estimate).toBeCloseTo(0.4 - 0.3, 10);
    expect(conversion.verdict.decision).toBe("ship");
    // Same error rate in both arms: no difference.
    expect(analysis.metrics[1]!.variants[0]!.comparison!.absolute.estimate).toBe(0);
    expect(analysis.metrics[1]!.variants[0]!.verdict.decision).toBe("keep_running");
  });

  it("refuses members of another organization", async () => {
    const client = await signIn(other.users.product_manager);
    const { data, error } = await client.rpc("experiment_metric_stats", {
      p_experiment_id: setup.experiment,
    });
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
  });
});
