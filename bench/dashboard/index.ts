// `npm run bench:dashboard [-- --runs N] [-- --fresh]`: the Overview's RPCs over N runs (10M by
// default) and their outcomes spread over a year, against the same answers from the raw tables,
// and freshness from ingest to the Overview. Writes bench/results/dashboard.{json,md}.
//
// The data is generated inside Postgres (generate_series) into a scratch organization, in
// chunks of one transaction each, in a database kept in .data/bench-dashboard: an interrupted
// run resumes where it stopped (--fresh starts over).
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { granularityFor } from "../../supabase/functions/_shared/analytics/catalog";
import { loadOrCreateKeys } from "../../scripts/lib/keys";
import { repoRoot } from "../../scripts/lib/paths";
import { startStack } from "../../scripts/lib/stack";
import { describeMachine, machineMarkdown, runClient, writeResults } from "../lib/harness";
import type { ClientJob, Sample } from "./client";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const RUNS = Number(flag("--runs") ?? 10_000_000);
const CHUNK = 250_000;
if (!Number.isInteger(RUNS) || RUNS < 1000) throw new Error("--runs must be an integer ≥ 1000");

const dataDir = path.join(repoRoot, ".data", "bench-dashboard");
if (args.includes("--fresh")) rmSync(dataDir, { recursive: true, force: true });

const KPIS = ["conversion", "order_value", "csat", "runs", "latency_p95", "error_rate", "cost"];
const RANGES = { "1D": 1, "7D": 7, "1M": 30, "1Y": 365 } as const;
const DAY = 86_400_000;
const EMAIL = "bench-admin@dashboard.bench";
const PASSWORD = "bench-dashboard-password";

const log = (message: string) => console.log(`[bench:dashboard] ${message}`);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const loadAtStart = (await import("node:os")).loadavg().map((x) => round(x, 2));
const stack = await startStack({
  postgresDir: path.join(dataDir, "postgres"),
  keys: loadOrCreateKeys(path.join(dataDir, "keys.json")),
  seed: true,
  scheduler: false,
});
const sql = postgres(stack.dbUrl, { onnotice: () => {}, max: 4 });

try {
  // ---- The scratch organization and its admin (who signs in and creates the ingest key).
  const [org] = await sql<{ id: string }[]>`
    insert into public.organizations (name, slug) values ('Bench dashboard', 'bench-dashboard')
    on conflict (slug) do update set name = excluded.name returning id`;
  const orgId = org!.id;
  await sql`
    insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
    select gen_random_uuid(), 'authenticated', 'authenticated', ${EMAIL},
           extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)), now(),
           '{"provider":"email","providers":["email"]}', '{}'
    where not exists (select 1 from auth.users where email = ${EMAIL})`;
  const [admin] = await sql<{ id: string }[]>`select id from auth.users where email = ${EMAIL}`;
  await sql`insert into public.memberships (organization_id, user_id, role)
            values (${orgId}, ${admin!.id}, 'admin') on conflict do nothing`;

  // ---- Data: runs over the last year with their outcomes, generated in Postgres.
  const generation = await generate(orgId);

  // ---- Rollups.
  log("refreshing rollups (the first time rolls up everything)…");
  const refreshStarted = performance.now();
  const [refresh] = await sql<
    { r: Record<string, unknown> }[]
  >`select private.refresh_rollups() as r`;
  const refreshMs = performance.now() - refreshStarted;
  log(`refresh_rollups: ${round(refreshMs / 1000)} s, ${JSON.stringify(refresh!.r)}`);
  await sql`analyze public.run_rollups, public.outcome_rollups, public.feedback_rollups`;
  const sizes = await sql<{ table: string; rows: string; size: string }[]>`
    select c.relname as table, c.reltuples::bigint::text as rows,
           pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname in ('llm_runs', 'outcomes', 'run_rollups', 'outcome_rollups', 'feedback_rollups')
    order by c.relname`;

  // ---- The Overview's RPCs as the signed-in admin, 1 and 10 users, per range.
  const session = await signIn();
  const headers = { apikey: stack.keys.publishableKey, authorization: `Bearer ${session}` };
  const now = new Date();
  const rpc: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
  const raw: Record<string, { median_ms: number; runs: number }> = {};
  for (const [name, days] of Object.entries(RANGES)) {
    const from = new Date(now.getTime() - days * DAY);
    const job: Omit<ClientJob, "concurrency" | "loads"> = {
      restUrl: `${stack.apiUrl}/rest/v1`,
      headers,
      summary: {
        p_organization_id: orgId,
        p_metrics: KPIS,
        p_from: from,
        p_to: now,
        p_filters: {},
      },
      series: {
        p_organization_id: orgId,
        p_metrics: KPIS,
        p_from: from,
        p_to: now,
        p_granularity: granularityFor(from, now),
        p_filters: {},
      },
      warmup: 3,
    };
    rpc[name] = {};
    for (const concurrency of [1, 10]) {
      const { samples } = await runClient<{ samples: Sample[] }>("bench/dashboard/client.ts", {
        ...job,
        concurrency,
        loads: concurrency === 1 ? 40 : 100,
      } satisfies ClientJob);
      rpc[name]![`${concurrency}`] = summarise(samples);
      log(`${name} × ${concurrency}: ${JSON.stringify(rpc[name]![`${concurrency}`])}`);
    }
    raw[name] = await rawTimings(orgId, from, now, name === "1Y" ? 2 : 3);
    log(`${name} from raw tables: ${raw[name]!.median_ms} ms`);
  }

  // ---- Freshness: ingest one run through the ingest function, poll the Overview's summary.
  const freshness = await measureFreshness(orgId, admin!.id, headers);
  log(`freshness: ${JSON.stringify(freshness)}`);

  const machine = await describeMachine(sql, loadAtStart);
  const results = {
    generated_at: new Date().toISOString(),
    runs: generation.runs,
    outcomes: generation.outcomes,
    generation,
    refresh_rollups_ms: round(refreshMs),
    table_sizes: sizes.map((s) => ({ ...s })),
    kpis: KPIS,
    rpc,
    raw,
    freshness,
    targets: { rpc_p95_1y_ms: 200, freshness_ms: 60_000 },
    machine,
  };
  const report = markdown(results, machine);
  console.log(await writeResults("dashboard", results, report));
} finally {
  await sql.end({ timeout: 2 });
  await stack.stop();
}

// ---------------------------------------------------------------------------------------------

async function generate(orgId: string) {
  const [existing] = await sql<{ have: string }[]>`
    select count(*) as have from public.llm_runs where organization_id = ${orgId}`;
  let done = Number(existing!.have);
  const started = performance.now();
  const initially = done;
  if (done < RUNS) log(`generating runs ${done.toLocaleString()} → ${RUNS.toLocaleString()}…`);
  while (done < RUNS) {
    const end = Math.min(RUNS, done + CHUNK);
    // Variants carry the planted differences: model, latency, cost and conversion.
    await sql`
      with v (n, experiment_id, variant_id, version_id, model, provider, latency_base, conversion, cost_per_token) as (
        select n, md5('bench-exp-' || (n / 2))::uuid, md5('bench-var-' || n)::uuid,
               md5('bench-ver-' || n)::uuid,
               (array['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'gemini-pro'])[1 + n % 4],
               (array['openai', 'openai', 'anthropic', 'google'])[1 + n % 4],
               5.4 + (n % 4) * 0.25, 0.22 + (n % 3) * 0.04, 0.000002 * (1 + n % 4)
        from generate_series(0, 7) n
      ),
      gen as (
        select i, now() - random() * interval '365 days' as occurred_at,
               case when random() < 0.7 then (i % 8) end as vn,
               (i / 7) % 6 as action_n, (i * 7) % 8 as intent_n,
               floor(30 * random() ^ 3)::int as account_n, random() as r
        from generate_series(${done}::bigint, ${end - 1}::bigint) i
      ),
      runs as (
        insert into public.llm_runs (organization_id, idempotency_key, event_hash, occurred_at,
          account, end_user_id, capability, action, intent, experiment_id, variant_id, version_id,
          provider, model, latency_ms, tokens_in, tokens_out, cost_usd, status, is_manual)
        select ${orgId}, 'b-' || g.i, md5(g.i::text)::uuid, g.occurred_at,
               'account-' || g.account_n, 'user-' || (g.i % 100000),
               (array['QualifyLead', 'Support', 'Checkout'])[1 + g.action_n / 2],
               (array['GetAvailability', 'Quote', 'Answer', 'Escalate', 'Pay', 'Refund'])[1 + g.action_n],
               (array['pricing', 'refund', 'schedule', 'complaint', 'shipping', 'upgrade', 'cancel', 'other'])[1 + g.intent_n],
               v.experiment_id, v.variant_id, v.version_id,
               coalesce(v.provider, 'openai'), coalesce(v.model, 'gpt-4o'),
               round(exp(coalesce(v.latency_base, 5.6) + g.r * 1.6 + random() * 0.4)::numeric, 1),
               (200 + random() * 1800)::int, (50 + random() * 600)::int,
               round((coalesce(v.cost_per_token, 0.000003) * (250 + random() * 2400))::numeric, 6),
               case when random() < 0.97 then 'ok' when random() < 0.7 then 'error' else 'timeout' end,
               random() < 0.1
        from gen g left join v on v.n = g.vn
        on conflict do nothing
        returning id, occurred_at, variant_id
      ),
      outcome_rows as (
        select r.id, r.occurred_at, k.metric_key, k.value
        from runs r
        left join v on v.variant_id = r.variant_id
        cross join lateral (values
          ('conversion', case when random() < coalesce(v.conversion, 0.25) then 1 else 0 end, 0.30),
          ('csat', 1 + floor(random() * 5), 0.10),
          ('order_value', round((20 + random() * 300)::numeric, 2), 0.05)
        ) k (metric_key, value, share)
        where random() < k.share
      )
      insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value, occurred_at, run_id)
      select ${orgId}, 'bo-' || o.id || '-' || o.metric_key, md5(o.id::text || o.metric_key)::uuid,
             o.metric_key, o.value, o.occurred_at + interval '10 minutes', o.id
      from outcome_rows o
      on conflict do nothing`;
    done = end;
    const rate = (done - initially) / ((performance.now() - started) / 1000);
    log(
      `${done.toLocaleString()} / ${RUNS.toLocaleString()} runs (${Math.round(rate).toLocaleString()} runs/s, ` +
        `~${Math.round((RUNS - done) / rate)} s left)`,
    );
  }
  const [counted] = await sql<{ outcomes: string }[]>`
    select count(*) as outcomes from public.outcomes where organization_id = ${orgId}`;
  return {
    runs: done,
    outcomes: Number(counted!.outcomes),
    generated_now: done - initially,
    generation_s: round((performance.now() - started) / 1000),
  };
}

async function signIn(): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { "content-type": "application/json", apikey: stack.keys.publishableKey },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

function summarise(samples: Sample[]) {
  const pick = (key: keyof Sample) => samples.map((s) => s[key]);
  return {
    loads: samples.length,
    load_median_ms: round(quantile(pick("load"), 0.5)),
    load_p95_ms: round(quantile(pick("load"), 0.95)),
    summary_median_ms: round(quantile(pick("summary"), 0.5)),
    summary_p95_ms: round(quantile(pick("summary"), 0.95)),
    series_median_ms: round(quantile(pick("series"), 0.5)),
    series_p95_ms: round(quantile(pick("series"), 0.95)),
  };
}

/**
 * The same two answers (KPIs for the range and the period before; the series at the range's
 * granularity) from the raw tables with plain SQL, straight to Postgres.
 */
async function rawTimings(orgId: string, from: Date, to: Date, repeat: number) {
  const span = to.getTime() - from.getTime();
  const previous = new Date(from.getTime() - span);
  const unit = granularityFor(from, to);
  const times: number[] = [];
  let runs = 0;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const [kpis] = await Promise.all([
      sql<{ runs: string }[]>`
        with r as (
          select (occurred_at >= ${from}) as current, status, latency_ms, cost_usd
          from public.llm_runs where organization_id = ${orgId} and occurred_at >= ${previous} and occurred_at < ${to}
        ), o as (
          select (occurred_at >= ${from}) as current, metric_key, value
          from public.outcomes where organization_id = ${orgId} and occurred_at >= ${previous} and occurred_at < ${to}
        )
        select r.current, count(*) as runs, avg((status <> 'ok')::int) as error_rate,
               percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
               sum(cost_usd) as cost,
               (select avg(value) filter (where metric_key = 'conversion') from o where o.current = r.current),
               (select avg(value) filter (where metric_key = 'csat') from o where o.current = r.current),
               (select avg(value) filter (where metric_key = 'order_value') from o where o.current = r.current)
        from r group by r.current order by r.current desc`,
      sql`
        with r as (
          select date_trunc(${unit}, occurred_at, 'UTC') as bucket, status, latency_ms, cost_usd
          from public.llm_runs where organization_id = ${orgId} and occurred_at >= ${from} and occurred_at < ${to}
        ), o as (
          select date_trunc(${unit}, occurred_at, 'UTC') as bucket, metric_key, value
          from public.outcomes where organization_id = ${orgId} and occurred_at >= ${from} and occurred_at < ${to}
        )
        select r.bucket, count(*), avg((status <> 'ok')::int),
               percentile_cont(0.95) within group (order by latency_ms), sum(cost_usd),
               (select avg(value) filter (where metric_key = 'conversion') from o where o.bucket = r.bucket),
               (select avg(value) filter (where metric_key = 'csat') from o where o.bucket = r.bucket),
               (select avg(value) filter (where metric_key = 'order_value') from o where o.bucket = r.bucket)
        from r group by r.bucket`,
    ]);
    times.push(performance.now() - started);
    runs = Number(kpis[0]?.runs ?? 0);
  }
  return { median_ms: round(quantile(times, 0.5)), runs };
}

async function measureFreshness(orgId: string, adminId: string, headers: Record<string, string>) {
  // An ingest key, created as the admin would.
  const secret = await sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claim.sub', ${adminId}, true),
                    set_config('request.jwt.claims', ${JSON.stringify({ sub: adminId })}, true)`;
    const [created] = await tx<{ secret: string }[]>`
      select secret from public.create_api_key(${orgId}, ${"bench-freshness-" + Date.now()}, ${["ingest"]})`;
    return created!.secret;
  });
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const model = `fresh-${randomUUID()}`;
    const started = performance.now();
    const ingested = await fetch(`${stack.apiUrl}/functions/v1/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({
        events: [
          {
            type: "run",
            idempotency_key: `fresh-${model}`,
            occurred_at: new Date().toISOString(),
            run: { model, provider: "openai", latency_ms: 420, status: "ok" },
          },
        ],
      }),
    });
    if (!ingested.ok)
      throw new Error(`ingest answered ${ingested.status}: ${await ingested.text()}`);
    for (;;) {
      const to = new Date(Date.now() + 60_000);
      const res = await fetch(`${stack.apiUrl}/rest/v1/rpc/metric_summary`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({
          p_organization_id: orgId,
          p_metrics: ["runs"],
          p_from: new Date(to.getTime() - DAY),
          p_to: to,
          p_filters: { model: [model] },
        }),
      });
      const [row] = (await res.json()) as { n: number | string }[];
      if (Number(row?.n) >= 1) break;
      if (performance.now() - started > 120_000) throw new Error("the ingested run never showed");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    samples.push(performance.now() - started);
  }
  return {
    samples_ms: samples.map((s) => round(s)),
    median_ms: round(quantile(samples, 0.5)),
    max_ms: round(Math.max(...samples)),
  };
}

function markdown(
  r: {
    runs: number;
    outcomes: number;
    generation: { generated_now: number; generation_s: number };
    refresh_rollups_ms: number;
    table_sizes: { table: string; rows: string; size: string }[];
    rpc: Record<string, Record<string, ReturnType<typeof summarise>>>;
    raw: Record<string, { median_ms: number }>;
    freshness: { median_ms: number; max_ms: number };
  },
  machine: Parameters<typeof machineMarkdown>[0],
): string {
  const rows = Object.keys(RANGES).flatMap((name) =>
    ["1", "10"].map((c) => {
      const s = r.rpc[name]![c]!;
      const ratio = r.raw[name]!.median_ms / s.load_median_ms;
      return `| ${name} | ${c} | ${s.load_median_ms} | ${s.load_p95_ms} | ${s.summary_p95_ms} | ${s.series_p95_ms} | ${r.raw[name]!.median_ms} | ${round(ratio)}× |`;
    }),
  );
  const p95At1Y = Math.max(r.rpc["1Y"]!["1"]!.summary_p95_ms, r.rpc["1Y"]!["1"]!.series_p95_ms);
  return `# Dashboard benchmark

\`npm run bench:dashboard\`: ${r.runs.toLocaleString()} runs and ${r.outcomes.toLocaleString()} outcomes
spread over a year in one organization. The Overview loads a range with two RPCs in parallel —
\`metric_summary\` (${KPIS.join(", ")}, and the period before) and \`metric_series\` (their
sparklines at the range's automatic granularity) — called here through the API as a signed-in
member, by 1 and by 10 concurrent users. "Raw" is the same answer computed from \`llm_runs\` and
\`outcomes\` with plain SQL, straight to Postgres.

## Targets

| Figure | Target | Measured |
| --- | --- | --- |
| Overview RPC p95 at 1Y over ${(r.runs / 1e6).toLocaleString()}M runs (1 user, slower of the two) | ≤ 200 ms | ${p95At1Y} ms |
| Freshness (ingest → visible in the Overview) | ≤ 60 s | median ${r.freshness.median_ms} ms, max ${r.freshness.max_ms} ms |

## Overview RPCs (ms)

| Range | Users | Load median | Load p95 | Summary p95 | Series p95 | Raw median | Raw ÷ load |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

## Rollups

- Generated this run: ${r.generation.generated_now.toLocaleString()} runs in ${r.generation.generation_s} s.
- First \`refresh_rollups()\` over everything: ${round(r.refresh_rollups_ms / 1000)} s.

| Table | Rows (estimate) | Size |
| --- | --- | --- |
${r.table_sizes.map((t) => `| ${t.table} | ${Number(t.rows).toLocaleString()} | ${t.size} |`).join("\n")}

## Freshness

A run is ingested through the \`ingest\` edge function and \`metric_summary\` is polled (50 ms apart)
until it counts it. New rows are read from the raw tables until the next refresh rolls them up,
so they show at once, whenever the refresh runs.

${machineMarkdown(machine)}`;
}
