// The demo year of Acme Commerce (docs/demo-data.md): loading is idempotent, the database holds
// exactly what the deterministic generator makes, and every planted effect is in the raw data
// with the size docs/demo-data.md promises. The data is generated for the stack's own start time
// (and its experiments' random salts), so the bounds below leave room for sampling noise at the
// quick size: each is several standard errors away from what was planted.
import type { PendingQuery, Row } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_KEY_PREFIX,
  ensureDemoData,
  loadDemoData,
  loadedDemo,
  loadServingContext,
  type LoadedDemo,
} from "../../scripts/lib/demo-data";
import {
  generateConversations,
  INCIDENT_CONVERSION_FACTOR,
  LIFT_FACTOR,
  NORTHWIND,
  OUTAGE_HOURS,
  type DemoPlan,
} from "../../scripts/lib/demo-data-model";
import { adminSql } from "./support/db";
import { twoProportionZ as z, type Rate } from "./support/stats";

const DAY = 86_400_000;
let plan: DemoPlan;
let loaded: LoadedDemo;
let org: string;

/** Share of outcomes of `metric` equal to 1 among those linked to runs matching `where`. */
async function outcomeRate(metric: string, where: PendingQuery<Row[]>): Promise<Rate> {
  const [row] = await adminSql<{ n: number; rate: number }[]>`
    select count(*)::int as n, coalesce(avg(o.value), 0)::float8 as rate
    from public.outcomes o join public.llm_runs r on r.id = o.run_id
    where o.organization_id = ${org} and o.idempotency_key like ${DEMO_KEY_PREFIX + "%"}
      and o.metric_key = ${metric} and ${where}`;
  return row!;
}

beforeAll(async () => {
  // Loaded by the test stack already (then this is a no-op), or loaded here.
  const result = await ensureDemoData(adminSql);
  plan = result.plan;
  loaded = (await loadedDemo(adminSql))!;
  org = (await loadServingContext(adminSql)).organizationId;
}, 300_000);

afterAll(() => adminSql.end());

async function demoCounts() {
  const [row] = await adminSql<Record<string, number>[]>`
    select
      (select count(*)::int from public.llm_runs where organization_id = ${org} and idempotency_key like 'demo-%') as runs,
      (select count(*)::int from public.outcomes where organization_id = ${org} and idempotency_key like 'demo-%') as outcomes,
      (select count(*)::int from public.feedback where organization_id = ${org} and idempotency_key like 'demo-%') as feedback,
      (select count(*)::int from public.run_lifecycle_events where organization_id = ${org} and idempotency_key like 'demo-%') as lifecycle,
      (select count(*)::int from public.exposures where organization_id = ${org}) as exposures,
      (select md5(string_agg(id::text || status || coalesce(variant_id::text, '') || latency_ms::text, ',' order by id))
       from public.llm_runs where organization_id = ${org} and idempotency_key like 'demo-%') as checksum`;
  return row!;
}

describe("demo data", () => {
  it("holds exactly what the generator makes for its seed, size and end", async () => {
    const context = await loadServingContext(adminSql);
    let runs = 0;
    let outcomes = 0;
    let feedback = 0;
    let lifecycle = 0;
    const byMetric = new Map<string, number>();
    const sample: Array<{ id: string; variant: string | null; latency: number; status: string }> =
      [];
    for (const c of generateConversations(context, loaded)) {
      runs += c.runs.length;
      outcomes += c.outcomes.length;
      feedback += c.feedback.length;
      lifecycle += c.lifecycle.length;
      for (const o of c.outcomes) byMetric.set(o.metricKey, (byMetric.get(o.metricKey) ?? 0) + 1);
      if (runs % 97 === 0) {
        const r = c.runs[c.runs.length - 1]!;
        sample.push({ id: r.id, variant: r.variantId, latency: r.latencyMs, status: r.status });
      }
    }
    const counts = await demoCounts();
    expect(counts).toMatchObject({ runs: loaded.runs, outcomes, feedback, lifecycle });
    expect(runs).toBe(loaded.runs);

    const stored = await adminSql<{ metric_key: string; n: number }[]>`
      select metric_key, count(*)::int as n from public.outcomes
      where organization_id = ${org} and idempotency_key like 'demo-%' group by metric_key`;
    expect(Object.fromEntries(stored.map((s) => [s.metric_key, s.n]))).toEqual(
      Object.fromEntries(byMetric),
    );
    // Every contract outcome metric is there, and is defined for Acme.
    const defined = await adminSql<{ key: string }[]>`
      select key from public.metric_definitions where organization_id = ${org}`;
    for (const key of [
      "conversion",
      "order_value",
      "csat",
      "sentiment",
      "resolution_time",
      "escalation",
      "deflection",
    ]) {
      expect(byMetric.get(key), key).toBeGreaterThan(0);
      expect(defined.map((d) => d.key)).toContain(key);
    }

    const rows = await adminSql<
      { id: string; variant: string | null; latency: string; status: string }[]
    >`
      select id, variant_id as variant, latency_ms as latency, status from public.llm_runs
      where id in ${adminSql(sample.map((s) => s.id))}`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of sample) {
      const row = byId.get(s.id);
      expect(row, s.id).toBeDefined();
      expect({ variant: row!.variant, latency: Number(row!.latency), status: row!.status }).toEqual(
        {
          variant: s.variant,
          latency: s.latency,
          status: s.status,
        },
      );
    }
  }, 120_000);

  it("loads again as a no-op, and a forced reload replaces the rows with the same ones", async () => {
    const before = await demoCounts();
    const again = await loadDemoData(adminSql, {
      runs: loaded.runs,
      seed: loaded.seed,
      end: loaded.end,
    });
    expect(again.skipped).toBe(true);
    expect(await demoCounts()).toEqual(before);

    const forced = await loadDemoData(adminSql, {
      runs: loaded.runs,
      seed: loaded.seed,
      end: loaded.end,
      force: true,
      // The same rows again: the rollups already hold their aggregates.
      rollups: "skip",
    });
    expect(forced.skipped).toBe(false);
    expect(await demoCounts()).toEqual(before);
  }, 300_000);

  it("assigns variants as resolve_prompt would, with one exposure per unit and experiment", async () => {
    const [row] = await adminSql<{ runs: number; mismatched: number; missing: number }[]>`
      select count(*)::int as runs,
             count(*) filter (where private.assign_variant(r.experiment_id, r.end_user_id) <> r.variant_id)::int as mismatched,
             count(*) filter (where x.unit_id is null or x.variant_id <> r.variant_id)::int as missing
      from public.llm_runs r
      left join public.exposures x on x.experiment_id = r.experiment_id and x.unit_id = r.end_user_id
      where r.organization_id = ${org} and r.idempotency_key like 'demo-%' and r.experiment_id is not null`;
    expect(row!.runs).toBeGreaterThan(1000);
    expect(row).toMatchObject({ mismatched: 0, missing: 0 });
  });

  it("plants the consultative opener's conversion lift on PriceCheck only", async () => {
    const { experimentId, treatmentVariantId, controlVariantId } = plan.lift;
    const arm = (variant: string, intent: string) =>
      outcomeRate(
        "conversion",
        adminSql`r.experiment_id = ${experimentId} and r.variant_id = ${variant} and r.intent = ${intent}`,
      );
    const treatment = await arm(treatmentVariantId, "PriceCheck");
    const control = await arm(controlVariantId, "PriceCheck");
    expect(treatment.n).toBeGreaterThan(300);
    expect(control.n).toBeGreaterThan(300);
    const ratio = treatment.rate / control.rate;
    expect(ratio).toBeGreaterThan(1 + (LIFT_FACTOR - 1) / 3);
    expect(ratio).toBeLessThan(LIFT_FACTOR * 1.6);
    expect(z(treatment, control)).toBeGreaterThan(2);

    // No planted effect on the other intent: only noise.
    const otherTreatment = await arm(treatmentVariantId, "ProductQuestion");
    const otherControl = await arm(controlVariantId, "ProductQuestion");
    expect(Math.abs(z(otherTreatment, otherControl))).toBeLessThan(3.5);
  });

  it("plants INC-1042: conversion drops and escalations jump while the bad version is live, and recover at the rollback", async () => {
    const { capability, deployedAt, rolledBackAt } = plan.incident;
    const window = (from: Date, to: Date) =>
      adminSql`r.capability = ${capability} and r.occurred_at >= ${from} and r.occurred_at < ${to}`;
    const weekBefore = new Date(deployedAt.getTime() - 7 * DAY);
    const weekAfter = new Date(rolledBackAt.getTime() + 7 * DAY);
    const before = await outcomeRate("conversion", window(weekBefore, deployedAt));
    const during = await outcomeRate("conversion", window(deployedAt, rolledBackAt));
    const after = await outcomeRate("conversion", window(rolledBackAt, weekAfter));
    expect(during.n).toBeGreaterThan(50);
    expect(during.rate).toBeLessThan((before.rate * (1 + INCIDENT_CONVERSION_FACTOR)) / 2);
    expect(z(before, during)).toBeGreaterThan(2);
    expect(z(after, during)).toBeGreaterThan(2);

    const escalationBefore = await outcomeRate("escalation", window(weekBefore, deployedAt));
    const escalationDuring = await outcomeRate("escalation", window(deployedAt, rolledBackAt));
    expect(escalationDuring.rate).toBeGreaterThan(2 * escalationBefore.rate);

    const [versions] = await adminSql<{ bad: number; other: number }[]>`
      select count(*) filter (where version_id = ${plan.incident.versionId})::int as bad,
             count(*) filter (where version_id is distinct from ${plan.incident.versionId})::int as other
      from public.llm_runs
      where organization_id = ${org} and capability = ${capability}
        and occurred_at >= ${deployedAt} and occurred_at < ${rolledBackAt}`;
    expect(versions!.bad).toBeGreaterThan(0);
    expect(versions!.other).toBe(0);
  });

  it("plants the cheaper model's escalations on BookDemo", async () => {
    const model = (name: string) =>
      outcomeRate(
        "escalation",
        adminSql`r.capability = 'BookDemo' and r.model = ${name} and r.occurred_at >= ${plan.bookDemoFlashAt}`,
      );
    const flash = await model("gemini-1.5-flash");
    const pro = await model("gemini-1.5-pro");
    expect(flash.rate).toBeGreaterThan(1.4 * pro.rate);
    expect(z(flash, pro)).toBeGreaterThan(2);
  });

  it("plants OpenAI's outage: errors and latency for three hours, other providers unaffected", async () => {
    const { from, to } = plan.outage;
    const stats = await adminSql<
      { provider: string; inside: boolean; n: number; errors: number; p50: number }[]
    >`
      select provider, occurred_at >= ${from} as inside, count(*)::int as n,
             avg((status <> 'ok')::int)::float8 as errors,
             percentile_cont(0.5) within group (order by latency_ms)::float8 as p50
      from public.llm_runs
      where organization_id = ${org} and idempotency_key like 'demo-%'
        and occurred_at >= ${new Date(from.getTime() - 7 * DAY)} and occurred_at < ${to}
        and extract(hour from occurred_at at time zone 'UTC') >= ${OUTAGE_HOURS.from}
        and extract(hour from occurred_at at time zone 'UTC') < ${OUTAGE_HOURS.to}
      group by 1, 2`;
    const find = (provider: string, inside: boolean) =>
      stats.find((s) => s.provider === provider && s.inside === inside)!;
    expect(find("openai", true).n).toBeGreaterThan(30);
    expect(find("openai", true).errors).toBeGreaterThan(0.25);
    expect(find("openai", false).errors).toBeLessThan(0.08);
    expect(find("openai", true).p50).toBeGreaterThan(2.5 * find("openai", false).p50);
    const others = stats.filter((s) => s.provider !== "openai" && s.inside);
    for (const other of others) expect(other.errors).toBeLessThan(0.15);
  });

  it("plants the QualifyLead cost jump: three times the input tokens from its day on", async () => {
    const at = plan.qualifyContextAt;
    const [row] = await adminSql<
      { before: number; after: number; cost_before: number; cost_after: number }[]
    >`
      select avg(tokens_in) filter (where occurred_at < ${at})::float8 as before,
             avg(tokens_in) filter (where occurred_at >= ${at})::float8 as after,
             avg(cost_usd) filter (where occurred_at < ${at})::float8 as cost_before,
             avg(cost_usd) filter (where occurred_at >= ${at})::float8 as cost_after
      from public.llm_runs
      where organization_id = ${org} and idempotency_key like 'demo-%' and capability = 'QualifyLead'
        and occurred_at >= ${new Date(at.getTime() - 14 * DAY)} and occurred_at < ${new Date(at.getTime() + 14 * DAY)}`;
    expect(row!.after / row!.before).toBeGreaterThan(2.2);
    expect(row!.cost_after / row!.cost_before).toBeGreaterThan(1.5);
  });

  it("plants Northwind's CRM failures: its UserLookup runs fail from their day on", async () => {
    const stats = await adminSql<
      { northwind: boolean; after: boolean; n: number; errors: number }[]
    >`
      select account = ${NORTHWIND} as northwind, occurred_at >= ${plan.northwindCrmFrom} as after,
             count(*)::int as n, avg((status = 'error' and error_type = 'tool_error')::int)::float8 as errors
      from public.llm_runs
      where organization_id = ${org} and idempotency_key like 'demo-%' and action = 'UserLookup'
      group by 1, 2`;
    const find = (northwind: boolean, after: boolean) =>
      stats.find((s) => s.northwind === northwind && s.after === after)!;
    expect(find(true, true).n).toBeGreaterThan(30);
    expect(find(true, true).errors).toBeGreaterThan(0.25);
    expect(find(true, false).errors).toBeLessThan(0.05);
    expect(find(false, true).errors).toBeLessThan(0.05);
  });
});
