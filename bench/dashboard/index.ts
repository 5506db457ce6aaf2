// `npm run bench:dashboard [-- --runs N] [-- --fresh]`: the Overview's RPCs over N runs (10M by
// default) and their outcomes spread over a year, against the same answers from the raw tables,
// and freshness from ingest to the Overview. Writes bench/results/dashboard.{json,md}.
//
// The data is generated inside Postgres (generate_series) into a scratch organization, in
// chunks of one transaction each, in a database kept in .data/bench-dashboard: an interrupted
// run resumes where it stopped (--fresh starts over).
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { granularityFor } from "../../supabase/functions/_shared/analytics/catalog";
import { loadOrCreateKeys } from "../../scripts/lib/keys";
import { repoRoot } from "../../scripts/lib/paths";
import { startStack } from "../../scripts/lib/stack";
import { describeMachine, machineMarkdown, runClient, writeResults } from "../lib/harness";
import type { ClientJob, Sample } from "./client";
import { measureSpa } from "./spa";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const RUNS = Number(flag("--runs") ?? 10_000_000);
const CHUNK = 1_000_000;
if (!Number.isInteger(RUNS) || RUNS < 1000) throw new Error("--runs must be an integer ≥ 1000");

const dataDir = path.join(repoRoot, ".data", "bench-dashboard");
if (args.includes("--fresh")) rmSync(dataDir, { recursive: true, force: true });

// The accounts the filtered views measure: the largest (~8% of all runs), one whose days are
// around the account_combined threshold, and a middling one.
const ACCOUNTS = { largest: "account-0", near: "account-23", middling: "account-500" } as const;
const KPIS = ["conversion", "order_value", "csat", "runs", "latency_p95", "error_rate", "cost"];
// Filters → the ranges measured.
const FILTERED_VIEWS: Record<string, { filters: Record<string, string[]>; ranges: RangeName[] }> = {
  "model (day rollups)": { filters: { model: ["gpt-4o"] }, ranges: ["7D", "1Y"] },
  "model + status (combined_status day rollups)": {
    filters: { model: ["gpt-4o"], status: ["ok"] },
    ranges: ["1Y"],
  },
  "largest account (day rollups, raw partial days)": {
    filters: { account: [ACCOUNTS.largest] },
    ranges: ["7D", "1Y"],
  },
  "largest account + model (account_combined day rollups)": {
    filters: { account: [ACCOUNTS.largest], model: ["gpt-4o"] },
    ranges: ["7D", "1M", "1Y"],
  },
  "account near the threshold + model (rollups and raw account-days)": {
    filters: { account: [ACCOUNTS.near], model: ["gpt-4o"] },
    ranges: ["1M", "1Y"],
  },
  "middling account + model (raw account-days)": {
    filters: { account: [ACCOUNTS.middling], model: ["gpt-4o"] },
    ranges: ["7D", "1M", "1Y"],
  },
};
const RANGES = { "1D": 1, "7D": 7, "1M": 30, "1Y": 365 } as const;
type RangeName = keyof typeof RANGES;
const DAY = 86_400_000;
const EMAIL = "bench-admin@dashboard.bench";
const PASSWORD = "bench-dashboard-password";

const log = (message: string) => console.log(`[bench:dashboard] ${message}`);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const loadAtStart = os.loadavg().map((x) => round(x, 2));
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
  if (args.includes("--generate-only")) {
    log(`--generate-only: stopping with ${generation.runs.toLocaleString()} runs`);
  } else {
    const results = await measure(orgId, admin!.id, generation);
    console.log(await writeResults("dashboard", results, markdown(results)));
  }
} finally {
  await sql.end({ timeout: 2 });
  await stack.stop();
}

// ---------------------------------------------------------------------------------------------

async function measure(
  orgId: string,
  adminId: string,
  generation: Awaited<ReturnType<typeof generate>>,
) {
  const refresh = await refreshRollups(orgId, generation.runs);
  await sql`analyze public.run_rollups, public.outcome_rollups, public.feedback_rollups`;
  const sizes = await sql<{ table: string; rows: string; size: string }[]>`
    select c.relname as table, c.reltuples::bigint::text as rows,
           pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public'
      and c.relname in ('llm_runs', 'outcomes', 'feedback', 'run_rollups', 'outcome_rollups', 'feedback_rollups')
    order by c.relname`;
  const grainRows = await sql<{ grain: string; run_rows: number; outcome_rows: number }[]>`
    select r.grain, r.n as run_rows, coalesce(o.n, 0) as outcome_rows
    from (select grain, count(*)::int as n from public.run_rollups where level = 'day' group by 1) r
    left join (select grain, count(*)::int as n from public.outcome_rollups where level = 'day' group by 1) o
      using (grain)
    order by r.n desc`;

  // ---- The Overview's RPCs as the signed-in admin, 1 and 10 users, per range.
  const session = await signIn();
  const headers = { apikey: stack.keys.publishableKey, authorization: `Bearer ${session}` };
  const now = new Date();
  const rpc: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
  const raw: Record<string, { median_ms: number; runs: number; load_average: number }> = {};
  const overviewJob = (
    from: Date,
    filters: Record<string, string[]>,
  ): Omit<ClientJob, "concurrency" | "loads"> => ({
    restUrl: `${stack.apiUrl}/rest/v1`,
    headers,
    summary: {
      p_organization_id: orgId,
      p_metrics: KPIS,
      p_from: from,
      p_to: now,
      p_filters: filters,
    },
    series: {
      p_organization_id: orgId,
      p_metrics: KPIS,
      p_from: from,
      p_to: now,
      p_granularity: granularityFor(from, now),
      p_filters: filters,
    },
    warmup: 3,
  });
  for (const [name, days] of Object.entries(RANGES)) {
    const from = new Date(now.getTime() - days * DAY);
    const job = overviewJob(from, {});
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

  // ---- Filtered Overviews, 1 user: the paths that read raw rows (FILTERED_VIEWS), next to one
  // that reads only rollups. The largest account (account-0, ~8% of all runs) is the worst case,
  // a middling one the usual case.
  const filtered: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
  for (const [label, { filters, ranges }] of Object.entries(FILTERED_VIEWS)) {
    filtered[label] = {};
    for (const name of ranges) {
      const from = new Date(now.getTime() - RANGES[name] * DAY);
      const { samples } = await runClient<{ samples: Sample[] }>("bench/dashboard/client.ts", {
        ...overviewJob(from, filters),
        warmup: 1,
        concurrency: 1,
        loads: 10,
      } satisfies ClientJob);
      filtered[label]![name] = summarise(samples);
      log(`${label} ${name}: ${JSON.stringify(filtered[label]![name])}`);
    }
  }
  // Each measured account's runs in the year, and how many of its days have account_combined
  // rows (the rest are read raw), in one pass over its rows (llm_runs_account_idx).
  const accountDays = await sql<
    { account: string; runs: number; days: number; crossed: number; min_runs: number }[]
  >`
    select d.account, sum(d.runs)::int as runs, count(*)::int as days,
           count(x.account)::int as crossed,
           (select account_combined_min_runs from private.rollup_state) as min_runs
    from (select account, date_trunc('day', occurred_at, 'UTC') as day, count(*) as runs
          from public.llm_runs
          where organization_id = ${orgId} and account = any (${Object.values(ACCOUNTS)})
          group by 1, 2) d
    left join lateral (select y.account from public.run_rollups y
                       where y.organization_id = ${orgId} and y.grain = 'account_combined' and y.level = 'day'
                         and y.account = d.account and y.bucket = d.day limit 1) x on true
    group by d.account`;
  const byAccount = new Map(accountDays.map((a) => [a.account, a]));
  const accountRuns = Object.fromEntries(
    Object.entries(ACCOUNTS).map(([role, account]) => [role, byAccount.get(account)?.runs ?? 0]),
  ) as Record<keyof typeof ACCOUNTS, number>;
  const crossedDays = Object.fromEntries(
    accountDays.map((a) => [a.account, `${a.crossed} of ${a.days}`]),
  );

  // ---- Freshness: ingest one run through the ingest function, poll the Overview's summary.
  const freshness = await measureFreshness(orgId, adminId, headers);
  log(`freshness: ${JSON.stringify(freshness)}`);

  // ---- The SPA: initial JS and the Overview's LCP over this data.
  if (!args.includes("--skip-spa"))
    log("building the SPA, measuring the Overview's LCP in Chromium…");
  const spa = args.includes("--skip-spa")
    ? null
    : await measureSpa({
        apiUrl: stack.apiUrl,
        publishableKey: stack.keys.publishableKey,
        email: EMAIL,
        password: PASSWORD,
        overviewPath: "/o/bench-dashboard/overview",
        outDir: path.join(os.tmpdir(), "bench-dist"),
        loads: 5,
      });
  if (spa) log(`spa: ${JSON.stringify({ js: spa.initial_js.gzip_bytes, lcp: spa.lcp })}`);

  return {
    generated_at: new Date().toISOString(),
    runs: generation.runs,
    outcomes: generation.outcomes,
    feedback: generation.feedback,
    generation,
    refresh,
    table_sizes: sizes.map((s) => ({ ...s })),
    day_rows_by_grain: grainRows.map((g) => ({ ...g })),
    kpis: KPIS,
    rpc,
    raw,
    filtered,
    filtered_account_runs: accountRuns,
    account_combined_min_runs: accountDays[0]?.min_runs ?? null,
    account_days_crossed: crossedDays,
    freshness,
    spa,
    targets: {
      rpc_p95_1y_ms: 200,
      freshness_ms: 60_000,
      lcp_ms: 1500,
      initial_js_gzip_bytes: 300_000,
    },
    machine: await describeMachine(sql, loadAtStart),
  };
}

/**
 * The first refresh rolls everything up (its time is kept in bench.dashboard, so a rerun still
 * reports it); then the steady state: the refresh the scheduler runs every minute after one new
 * run arrived, which recomputes today.
 */
async function refreshRollups(orgId: string, runs: number) {
  await sql`alter table bench.dashboard add column if not exists first_refresh jsonb`;
  type FirstRefresh = {
    days: number;
    batches: number;
    duration_ms: number;
    ms: number;
    ms_per_100k_runs: number;
    load_average: number;
  };
  // A migration that adds a grain resets the watermark: the next refresh is a first one again.
  const [state] = await sql<{ first_refresh: FirstRefresh | null; never_refreshed: boolean }[]>`
    select d.first_refresh, s.watermark = '-infinity' as never_refreshed
    from bench.dashboard d cross join private.rollup_state s`;
  let first = state?.never_refreshed ? null : (state?.first_refresh ?? null);
  if (!first) {
    log("first refresh_rollups() over everything…");
    const started = performance.now();
    const [row] = await sql<
      { r: Pick<FirstRefresh, "days" | "batches" | "duration_ms"> }[]
    >`select private.refresh_rollups() as r`;
    const ms = performance.now() - started;
    first = {
      ...row!.r,
      ms: round(ms),
      ms_per_100k_runs: round(ms / (runs / 100_000)),
      load_average: loadNow(),
    };
    await sql`update bench.dashboard set first_refresh = ${sql.json(first)}`;
    log(`first refresh: ${JSON.stringify(first)}`);
  } else {
    await sql`select private.refresh_rollups()`;
  }
  const steady: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sql`
      insert into public.llm_runs (organization_id, idempotency_key, event_hash, occurred_at, model, provider, latency_ms, status)
      values (${orgId}, ${"steady-" + randomUUID()}, gen_random_uuid(), now(), 'gpt-4o', 'openai', 420, 'ok')`;
    const started = performance.now();
    await sql`select private.refresh_rollups()`;
    steady.push(performance.now() - started);
  }
  const steadyState = {
    median_ms: round(quantile(steady, 0.5)),
    max_ms: round(Math.max(...steady)),
    load_average: loadNow(),
  };
  log(`steady-state refresh: ${JSON.stringify(steadyState)}`);
  return { first, steady_state: steadyState };
}

function loadNow() {
  return round(os.loadavg()[0]!, 2);
}

async function generate(orgId: string) {
  // Chunk k holds runs [k·CHUNK, (k+1)·CHUNK) in one transaction; a chunk is done when its first
  // run exists. Runs are spread evenly over the year before the anchor (fixed at the first chunk),
  // in arrival order, as real traffic arrives.
  await sql`create schema if not exists bench`;
  await sql`create table if not exists bench.dashboard (runs bigint not null, anchor timestamptz not null)`;
  const [state] = await sql<
    { runs: string; anchor: Date }[]
  >`select runs, anchor from bench.dashboard`;
  if (state && Number(state.runs) !== RUNS)
    throw new Error(
      `the bench database holds a ${state.runs}-run data set: pass --fresh to start over`,
    );
  if (!state) await sql`insert into bench.dashboard (runs, anchor) values (${RUNS}, now())`;
  const [{ anchor } = { anchor: new Date() }] = await sql<
    { anchor: Date }[]
  >`select anchor from bench.dashboard`;
  const started = performance.now();
  const chunks = Math.ceil(RUNS / CHUNK);
  let generated = 0;
  // Like pg_restore: secondary indexes are dropped during the load and built once afterwards
  // (kept in bench.dropped_indexes, so an interrupted load still gets them back).
  await sql`create table if not exists bench.dropped_indexes (name text primary key, definition text not null)`;
  const [last] = await sql<{ done: boolean }[]>`
    select exists (select 1 from public.llm_runs
                   where organization_id = ${orgId} and idempotency_key = ${"b-" + (chunks - 1) * CHUNK}) as done`;
  if (!last!.done) {
    const secondary = await sql<{ name: string; definition: string }[]>`
      select i.indexname as name, i.indexdef as definition
      from pg_indexes i
      join pg_class c on c.relname = i.indexname and c.relnamespace = 'public'::regnamespace
      join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename in ('llm_runs', 'outcomes', 'feedback')
        and not x.indisunique`;
    for (const index of secondary) {
      await sql`insert into bench.dropped_indexes ${sql(index)} on conflict do nothing`;
      await sql`drop index ${sql("public." + index.name)}`;
    }
  }
  for (let k = 0; k < chunks; k++) {
    const lo = k * CHUNK;
    const hi = Math.min(RUNS, lo + CHUNK);
    const [done] = await sql<{ done: boolean }[]>`
      select exists (select 1 from public.llm_runs
                     where organization_id = ${orgId} and idempotency_key = ${"b-" + lo}) as done`;
    if (done!.done) continue;
    const chunkStarted = performance.now();
    await sql.begin(
      (tx) => tx`
      with v (n, experiment_id, variant_id, version_id, model, provider, latency_base, conversion, cost_per_token) as (
        -- Variants carry the planted differences: model, latency, cost and conversion.
        select n, md5('bench-exp-' || (n / 2))::uuid, md5('bench-var-' || n)::uuid,
               md5('bench-ver-' || n)::uuid,
               (array['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'gemini-pro'])[1 + n % 4],
               (array['openai', 'openai', 'anthropic', 'google'])[1 + n % 4],
               5.4 + (n % 4) * 0.25, 0.22 + (n % 3) * 0.04, 0.000002 * (1 + n % 4)
        from generate_series(0, 7) n
      ),
      gen as (
        select i, ${anchor}::timestamptz - interval '365 days'
                  + (i + random()) * (interval '365 days' / ${RUNS}) as occurred_at,
               case when random() < 0.7 then (i % 8) end as vn,
               (i / 7) % 6 as action_n, (i * 7) % 8 as intent_n,
               floor(2000 * random() ^ 3)::int as account_n, random() as r
        from generate_series(${lo}::bigint, ${hi - 1}::bigint) i
      ),
      runs as (
        insert into public.llm_runs (id, organization_id, idempotency_key, event_hash, occurred_at,
          received_at, account, end_user_id, capability, action, intent, experiment_id, variant_id,
          version_id, provider, model, latency_ms, tokens_in, tokens_out, cost_usd, status, is_manual)
        select gen_random_uuid(), ${orgId}, 'b-' || g.i, md5(g.i::text)::uuid, g.occurred_at,
               g.occurred_at + interval '2 seconds',
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
        returning id, idempotency_key, occurred_at, variant_id
      ),
      thumbs as (
        insert into public.feedback (organization_id, idempotency_key, event_hash, occurred_at, received_at, run_id, thumbs)
        select ${orgId}, 'bf-' || r.idempotency_key, md5('bf-' || r.idempotency_key)::uuid,
               r.occurred_at + interval '1 minute', r.occurred_at + interval '1 minute', r.id,
               case when random() < 0.75 then 'up' else 'down' end
        from runs r where random() < 0.05
      ),
      outcome_rows as (
        -- About one outcome per two runs.
        select r.id, r.idempotency_key, r.occurred_at, k.metric_key, k.value
        from runs r
        left join v on v.variant_id = r.variant_id
        cross join lateral (values
          ('conversion', case when random() < coalesce(v.conversion, 0.25) then 1 else 0 end, 0.25),
          ('csat', 1 + floor(random() * 5), 0.10),
          ('order_value', round((20 + random() * 300)::numeric, 2), 0.05),
          ('deflection', case when random() < 0.6 then 1 else 0 end, 0.05),
          ('escalation', case when random() < 0.1 then 1 else 0 end, 0.05)
        ) k (metric_key, value, share)
        where random() < k.share
      )
      insert into public.outcomes (organization_id, idempotency_key, event_hash, metric_key, value,
        occurred_at, received_at, run_id)
      select ${orgId}, 'bo-' || o.idempotency_key || '-' || o.metric_key,
             md5(o.idempotency_key || o.metric_key)::uuid, o.metric_key, o.value,
             o.occurred_at + interval '10 minutes', o.occurred_at + interval '10 minutes', o.id
      from outcome_rows o`,
    );
    generated += hi - lo;
    const rate = generated / ((performance.now() - started) / 1000);
    log(
      `${hi.toLocaleString()} / ${RUNS.toLocaleString()} runs: chunk in ${round((performance.now() - chunkStarted) / 1000)} s ` +
        `(${Math.round(rate).toLocaleString()} runs/s, load ${os.loadavg()[0]!.toFixed(1)})`,
    );
  }
  const dropped = await sql<
    { name: string; definition: string }[]
  >`select * from bench.dropped_indexes`;
  const indexStarted = performance.now();
  const loadSeconds = (performance.now() - started) / 1000;
  for (const index of dropped) {
    await sql.unsafe(index.definition);
    await sql`delete from bench.dropped_indexes where name = ${index.name}`;
  }
  if (dropped.length)
    log(
      `rebuilt ${dropped.length} indexes in ${round((performance.now() - indexStarted) / 1000)} s`,
    );
  // What this invocation generated, or (when the data was already there) the run that did.
  await sql`alter table bench.dashboard add column if not exists generation jsonb`;
  if (generated > 0) {
    await sql`analyze public.llm_runs, public.outcomes, public.feedback`;
    const stats = {
      runs_generated: generated,
      load_s: round(loadSeconds),
      index_rebuild_s: round((performance.now() - indexStarted) / 1000),
      runs_per_s: Math.round(generated / loadSeconds),
      load_average_at_end: loadNow(),
    };
    await sql`update bench.dashboard set generation = ${sql.json(stats)}`;
  }
  const [stored] = await sql<{ generation: Record<string, number> | null }[]>`
    select generation from bench.dashboard`;
  const [counted] = await sql<{ runs: string; outcomes: string; feedback: string }[]>`
    select (select count(*) from public.llm_runs where organization_id = ${orgId}) as runs,
           (select count(*) from public.outcomes where organization_id = ${orgId}) as outcomes,
           (select count(*) from public.feedback where organization_id = ${orgId}) as feedback`;
  return {
    runs: Number(counted!.runs),
    outcomes: Number(counted!.outcomes),
    feedback: Number(counted!.feedback),
    generated_now: generated,
    generation_s: round((performance.now() - started) / 1000),
    generation: stored?.generation ?? null,
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
    load_average: loadNow(),
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
    // Each table aggregated once per period or bucket, then joined: what a careful analyst
    // would write against the raw tables.
    const [kpis] = await Promise.all([
      sql<{ runs: string }[]>`
        with r as (
          select occurred_at >= ${from} as current, count(*) as runs,
                 avg((status <> 'ok')::int) as error_rate,
                 percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
                 sum(cost_usd) as cost
          from public.llm_runs
          where organization_id = ${orgId} and occurred_at >= ${previous} and occurred_at < ${to}
          group by 1
        ), o as (
          select occurred_at >= ${from} as current,
                 avg(value) filter (where metric_key = 'conversion') as conversion,
                 avg(value) filter (where metric_key = 'csat') as csat,
                 avg(value) filter (where metric_key = 'order_value') as order_value
          from public.outcomes
          where organization_id = ${orgId} and occurred_at >= ${previous} and occurred_at < ${to}
          group by 1
        )
        select * from r full join o using (current) order by current desc`,
      sql`
        with r as (
          select date_trunc(${unit}, occurred_at, 'UTC') as bucket, count(*) as runs,
                 avg((status <> 'ok')::int) as error_rate,
                 percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
                 sum(cost_usd) as cost
          from public.llm_runs
          where organization_id = ${orgId} and occurred_at >= ${from} and occurred_at < ${to}
          group by 1
        ), o as (
          select date_trunc(${unit}, occurred_at, 'UTC') as bucket,
                 avg(value) filter (where metric_key = 'conversion') as conversion,
                 avg(value) filter (where metric_key = 'csat') as csat,
                 avg(value) filter (where metric_key = 'order_value') as order_value
          from public.outcomes
          where organization_id = ${orgId} and occurred_at >= ${from} and occurred_at < ${to}
          group by 1
        )
        select * from r full join o using (bucket)`,
    ]);
    times.push(performance.now() - started);
    runs = Number(kpis[0]?.runs ?? 0);
  }
  return { median_ms: round(quantile(times, 0.5)), runs, load_average: loadNow() };
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

function markdown(r: Awaited<ReturnType<typeof measure>>): string {
  const rows = Object.keys(RANGES).flatMap((name) =>
    ["1", "10"].map((c) => {
      const s = r.rpc[name]![c]!;
      const ratio = r.raw[name]!.median_ms / s.load_median_ms;
      return `| ${name} | ${c} | ${s.load_median_ms} | ${s.load_p95_ms} | ${s.summary_p95_ms} | ${s.series_p95_ms} | ${r.raw[name]!.median_ms} | ${round(ratio)}× | ${s.load_average} |`;
    }),
  );
  const p95At1Y = Math.max(r.rpc["1Y"]!["1"]!.summary_p95_ms, r.rpc["1Y"]!["1"]!.series_p95_ms);
  const first = r.refresh.first;
  const spaRows = r.spa
    ? `| Initial JS (entry + modulepreloads, gzip) | ≤ 300 kB | ${round(r.spa.initial_js.gzip_bytes / 1000)} kB |
| Overview LCP in Chromium (median of ${r.spa.lcp.samples_ms.length} cold loads) | ≤ 1.5 s | ${r.spa.lcp.median_ms} ms (max ${r.spa.lcp.max_ms} ms) |`
    : "| Initial JS, LCP | | not measured (--skip-spa) |";
  const spaSection = r.spa
    ? `## SPA

\`vite build\` of the app; the initial JavaScript is what \`index.html\` loads up front (gzip, zlib default level):

| File | Bytes | Gzip |
| --- | --- | --- |
${r.spa.initial_js.files.map((f) => `| ${f.file} | ${f.bytes.toLocaleString()} | ${f.gzip_bytes.toLocaleString()} |`).join("\n")}

LCP: the Overview of this organization (its default range) opened cold in headless Chromium, signed in
(the session restored from storage, nothing else cached), served by \`vite preview\` against this
stack; the largest-contentful-paint entry observed once the network is idle. Samples:
${r.spa.lcp.samples_ms.join(", ")} ms; the largest element: "${r.spa.lcp.element}".
`
    : "";
  return `# Dashboard benchmark

\`npm run bench:dashboard\`: ${r.runs.toLocaleString()} runs, ${r.outcomes.toLocaleString()} outcomes and
${r.feedback.toLocaleString()} feedback events spread over a year in one organization. The Overview
loads a range with two RPCs in parallel — \`metric_summary\` (${KPIS.join(", ")}, and the period
before) and \`metric_series\` (their sparklines at the range's automatic granularity) — called here
through the API as a signed-in member, by 1 and by 10 concurrent users. "Raw" is the same answer
computed from \`llm_runs\` and \`outcomes\` with plain SQL, straight to Postgres.

## Targets

| Figure | Target | Measured |
| --- | --- | --- |
| Overview RPC p95 at 1Y over ${(r.runs / 1e6).toLocaleString()}M runs (1 user, slower of the two) | ≤ 200 ms | ${p95At1Y} ms |
| Freshness (ingest → visible in the Overview) | ≤ 60 s | median ${r.freshness.median_ms} ms, max ${r.freshness.max_ms} ms |
${spaRows}

## Overview RPCs (ms)

| Range | Users | Load median | Load p95 | Summary p95 | Series p95 | Raw median | Raw ÷ load | Load avg |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

"Load" is both calls as the page waits for them; "Load avg" is the machine's 1-minute load
average when that row finished. Ten concurrent users share the machine's 2 cores with the API
gateway, the load client and (usually) other work, so their times are mostly queueing for CPU.
"Raw" aggregates each table once per period or bucket (percentile, averages, sums) over the
range's rows through the \`(organization_id, occurred_at)\` indexes.

## Filtered Overviews (ms, 1 user)

| Filters | Range | Load median | Load p95 | Summary p95 | Series p95 |
| --- | --- | --- | --- | --- | --- |
${Object.entries(r.filtered)
  .flatMap(([label, byRange]) =>
    Object.entries(byRange).map(
      ([name, f]) =>
        `| ${label} | ${name} | ${f.load_median_ms} | ${f.load_p95_ms} | ${f.summary_p95_ms} | ${f.series_p95_ms} |`,
    ),
  )
  .join("\n")}

Every filter combination reads rollups: week rows for the weeks that have ended, day rows for the
other whole days, raw rows for the partial days at either end (at hour granularity, as the 7D
series is, an account's views read raw rows). An
account with another dimension reads \`account_combined\` rows for the account-days with at least
${r.account_combined_min_runs} runs and the account's raw rows (through \`llm_runs_account_idx\`) for
its other days, so it costs at most ${r.account_combined_min_runs} raw runs a day. In the year the largest account
(${ACCOUNTS.largest}) has ${r.filtered_account_runs.largest.toLocaleString()} runs, ${r.account_days_crossed[ACCOUNTS.largest]} days with such rows; the one near
the threshold (${ACCOUNTS.near}) ${r.filtered_account_runs.near.toLocaleString()} runs, ${r.account_days_crossed[ACCOUNTS.near]} days; the middling one
(${ACCOUNTS.middling}) ${r.filtered_account_runs.middling.toLocaleString()} runs, ${r.account_days_crossed[ACCOUNTS.middling]} days.

## Rollups

- Data: ${
    r.generation.generation
      ? `${r.generation.generation.runs_generated!.toLocaleString()} runs generated in ${r.generation.generation.load_s} s (${r.generation.generation.runs_per_s!.toLocaleString()} runs/s with their outcomes and feedback, 1M-run chunks), secondary indexes rebuilt in ${r.generation.generation.index_rebuild_s} s`
      : "generated before bench.dashboard recorded it"
  }; generated this invocation: ${r.generation.generated_now.toLocaleString()} runs.
- First \`refresh_rollups()\` over everything (${first.days} days in ${first.batches} batches): ${round(first.ms / 1000)} s,
  ${round(first.ms_per_100k_runs / 1000, 2)} s per 100k runs (load average ${first.load_average}).
- Steady state (one new run, the refresh recomputes today): median ${r.refresh.steady_state.median_ms} ms,
  max ${r.refresh.steady_state.max_ms} ms.

| Table | Rows (estimate) | Size |
| --- | --- | --- |
${r.table_sizes.map((t) => `| ${t.table} | ${Number(t.rows).toLocaleString()} | ${t.size} |`).join("\n")}

Day rows per grain (every organization):

| Grain | run_rollups | outcome_rollups |
| --- | --- | --- |
${r.day_rows_by_grain.map((g) => `| ${g.grain} | ${g.run_rows.toLocaleString()} | ${g.outcome_rows.toLocaleString()} |`).join("\n")}

## Freshness

A run is ingested through the \`ingest\` edge function and \`metric_summary\` is polled (50 ms apart)
until it counts it. New rows are read from the raw tables until the next refresh rolls them up,
so they show at once, whenever the refresh runs.

${spaSection}
${machineMarkdown(r.machine)}`;
}
