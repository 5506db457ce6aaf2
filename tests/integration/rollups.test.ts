// Rollups equal raw aggregates: random runs, outcomes and feedback (seeded), including late and
// out-of-order events and outcomes linked to their run only after they were rolled up; every
// RPC answer is compared with the same answer computed from the raw tables with plain SQL, before
// and after a refresh, and a rerun of the refresh changes nothing.
import { randomUUID } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  METRIC_KEYS,
  type DimensionKey,
  type MetricKey,
} from "../../supabase/functions/_shared/analytics/catalog";
import { adminSql, asUser } from "./support/db";
import { createTestOrg, signIn, sqlErrorCode, type TestOrg } from "./support/experiments";

type Granularity = "all" | "minute" | "hour" | "day" | "week";
type Filters = Partial<Record<DimensionKey, string[]>>;
interface Point {
  value: number | null;
  n: number;
  latencies?: number[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Odd offsets so ranges never line up with minutes, hours or days.
const NOW = Date.now() - 17_345;
const ago = (ms: number) => new Date(NOW - ms);

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261121);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);

const experiments = [randomUUID(), randomUUID()];
const variants = experiments.map((experiment) => ({
  experiment,
  variants: [randomUUID(), randomUUID()].map((id) => ({ id, version: randomUUID() })),
}));
const MODELS = [
  ["gpt-4o", "openai"],
  ["claude-sonnet", "anthropic"],
  ["gemini-pro", "google"],
] as const;

/** Occurrence times: most within 2 days (minute rollups), some within 90 days, some older. */
function occurredAt(): Date {
  const r = random();
  if (r < 0.45) return ago(random() * 2 * DAY);
  if (r < 0.75) return ago(2 * DAY + random() * 88 * DAY);
  return ago(90 * DAY + random() * 400 * DAY);
}

function runRow(
  orgId: string,
  at: Date,
  id: string = randomUUID(),
  externalId = `run-${randomUUID()}`,
) {
  const experiment = maybe(0.7, () => pick(variants));
  const variant = experiment ? pick(experiment.variants) : null;
  const [model, provider] = pick(MODELS);
  const status = random() < 0.85 ? "ok" : pick(["error", "timeout", "cancelled"]);
  return {
    id,
    organization_id: orgId,
    idempotency_key: `k-${randomUUID()}`,
    event_hash: randomUUID(),
    occurred_at: at,
    external_id: externalId,
    account: maybe(0.8, () => pick(["acme", "globex", "initech", "umbrella", "hooli", "stark"])),
    end_user_id: `user-${Math.floor(random() * 50)}`,
    capability: pick(["QualifyLead", "Support"]),
    action: pick(["GetAvailability", "Quote", "Answer"]),
    intent: maybe(0.9, () => pick(["refund", "pricing", "schedule", "complaint"])),
    experiment_id: experiment?.experiment ?? null,
    variant_id: variant?.id ?? null,
    version_id: variant?.version ?? null,
    model,
    provider,
    // Never a whole number: powers of two are histogram bucket edges.
    latency_ms: maybe(0.95, () => Math.floor(Math.exp(4 + random() * 5)) + 0.25 + random() / 2),
    cost_usd: maybe(0.9, () => Math.round(random() * 5000) / 100000),
    tokens_in: maybe(0.9, () => Math.floor(random() * 2000)),
    tokens_out: maybe(0.9, () => Math.floor(random() * 800)),
    status,
    is_manual: maybe(0.9, () => random() < 0.2),
  };
}

const OUTCOME_KEYS = ["conversion", "order_value", "csat", "escalation"] as const;
function outcomeRow(orgId: string, at: Date, link: { run_id?: string; run_external_id?: string }) {
  const metricKey = pick(OUTCOME_KEYS);
  const value =
    metricKey === "order_value"
      ? Math.round(random() * 50000) / 100
      : metricKey === "csat"
        ? 1 + Math.floor(random() * 5)
        : random() < 0.3
          ? 1
          : 0;
  return {
    organization_id: orgId,
    idempotency_key: `o-${randomUUID()}`,
    event_hash: randomUUID(),
    metric_key: metricKey,
    value,
    occurred_at: at,
    run_id: link.run_id ?? null,
    run_external_id: link.run_external_id ?? null,
    account: link.run_id || link.run_external_id ? null : pick(["acme", "globex", "zeta"]),
  };
}

function feedbackRow(orgId: string, at: Date, runId: string) {
  const thumbs = maybe(0.85, () => (random() < 0.7 ? "up" : "down"));
  return {
    organization_id: orgId,
    idempotency_key: `f-${randomUUID()}`,
    event_hash: randomUUID(),
    occurred_at: at,
    run_id: runId,
    thumbs,
    // Feedback without thumbs (a rating only) counts towards no thumbs-up rate.
    rating: thumbs ? null : 1 + Math.floor(random() * 5),
  };
}

// ---------------------------------------------------------------------------------------------
// The expected answers, from the raw tables.

const DIMENSION_SQL: Record<DimensionKey, string> = {
  experiment_id: "experiment_id",
  variant_id: "variant_id",
  version_id: "version_id",
  model: "model",
  provider: "provider",
  capability: "capability",
  action: "action",
  intent: "intent",
  account: "account",
  is_manual: "is_manual",
  status: "status",
};

const RAW_FACTS = `
  select 'run' as kind, r.occurred_at as at, r.experiment_id::text, r.variant_id::text,
         r.version_id::text, r.model, r.provider, r.capability, r.action, r.intent, r.account,
         r.is_manual::text, r.status, r.latency_ms::float8 as latency_ms, r.cost_usd::float8 as cost_usd,
         case when r.tokens_in is not null or r.tokens_out is not null
              then coalesce(r.tokens_in, 0) + coalesce(r.tokens_out, 0) end::float8 as tokens,
         null::text as metric_key, null::float8 as value, null::text as thumbs
  from public.llm_runs r where r.organization_id = $1
  union all
  select 'outcome', o.occurred_at, r.experiment_id::text, r.variant_id::text, r.version_id::text,
         r.model, r.provider, r.capability, r.action, r.intent, coalesce(r.account, o.account),
         r.is_manual::text, r.status, null, null, null, o.metric_key, o.value::float8, null
  from public.outcomes o
  left join public.llm_runs r on r.id = o.run_id and r.organization_id = o.organization_id
  where o.organization_id = $1
  union all
  select 'feedback', f.occurred_at, r.experiment_id::text, r.variant_id::text, r.version_id::text,
         r.model, r.provider, r.capability, r.action, r.intent, r.account, r.is_manual::text,
         r.status, null, null, null, null, null, f.thumbs
  from public.feedback f
  left join public.llm_runs r on r.id = f.run_id and r.organization_id = f.organization_id
  where f.organization_id = $1 and f.thumbs is not null`;

const AGGREGATE_SQL: Record<MetricKey, [kind: string, value: string, n: string]> = {
  runs: ["run", "count(*)::float8", "count(*)"],
  error_rate: ["run", "avg((status <> 'ok')::int)::float8", "count(*)"],
  latency_mean: ["run", "avg(latency_ms)", "count(latency_ms)"],
  latency_p50: [
    "run",
    "percentile_cont(0.5) within group (order by latency_ms)",
    "count(latency_ms)",
  ],
  latency_p95: [
    "run",
    "percentile_cont(0.95) within group (order by latency_ms)",
    "count(latency_ms)",
  ],
  cost: ["run", "sum(cost_usd)", "count(cost_usd)"],
  cost_per_run: ["run", "avg(cost_usd)", "count(cost_usd)"],
  tokens: ["run", "sum(tokens)", "count(tokens)"],
  thumbs_up_rate: ["feedback", "avg((thumbs = 'up')::int)::float8", "count(*)"],
  conversion: ["outcome:conversion", "avg(value)", "count(*)"],
  order_value: ["outcome:order_value", "avg(value)", "count(*)"],
  csat: ["outcome:csat", "avg(value)", "count(*)"],
  sentiment: ["outcome:sentiment", "avg(value)", "count(*)"],
  resolution_time: ["outcome:resolution_time", "avg(value)", "count(*)"],
  deflection: ["outcome:deflection", "avg(value)", "count(*)"],
  escalation: ["outcome:escalation", "avg(value)", "count(*)"],
};

/** key: bucket ISO (or "all") + "|" + group key (or "∅"). */
async function rawAnswer(
  orgId: string,
  metric: MetricKey,
  from: Date,
  to: Date,
  granularity: Granularity,
  filters: Filters = {},
  groupBy: DimensionKey | null = null,
): Promise<Map<string, Point>> {
  const [kind, value, n] = AGGREGATE_SQL[metric];
  const params: unknown[] = [orgId, from, to];
  const where = [
    kind.startsWith("outcome:")
      ? `kind = 'outcome' and metric_key = '${kind.slice(8)}'`
      : `kind = '${kind}'`,
  ];
  for (const [dimension, values] of Object.entries(filters)) {
    params.push(values);
    where.push(`${DIMENSION_SQL[dimension as DimensionKey]} = any($${params.length}::text[])`);
  }
  const bucket =
    granularity === "all" ? "null::timestamptz" : `date_trunc('${granularity}', at, 'UTC')`;
  const group = groupBy ? DIMENSION_SQL[groupBy] : "null::text";
  const rows = await adminSql.unsafe<
    {
      bucket: Date | null;
      g: string | null;
      value: number | null;
      n: string;
      latencies: number[] | null;
    }[]
  >(
    `select ${bucket} as bucket, ${group} as g, ${value} as value, ${n} as n,
            array_agg(latency_ms) filter (where latency_ms is not null) as latencies
     from (${RAW_FACTS}) facts
     where at >= $2 and at < $3 and ${where.join(" and ")}
     group by 1, 2`,
    params as never[],
  );
  const answer = new Map<string, Point>();
  for (const row of rows) {
    if (Number(row.n) === 0) continue;
    answer.set(key(row.bucket, row.g), {
      value: row.value === null ? null : Number(row.value),
      n: Number(row.n),
      latencies: row.latencies ?? undefined,
    });
  }
  return answer;
}

const key = (bucket: Date | null, group: string | null) =>
  `${bucket ? bucket.toISOString() : "all"}|${group ?? "∅"}`;

/** The documented estimator: 80 log-spaced buckets, log-linear interpolation inside one. */
function histogramQuantile(latencies: number[], q: number): number {
  const counts = new Array<number>(81).fill(0);
  for (const ms of latencies) {
    counts[Math.min(80, Math.max(1, Math.floor(4 * Math.log2(Math.max(ms, 1))) + 1))]! += 1;
  }
  const rank = q * latencies.length;
  let cum = 0;
  for (let i = 1; i <= 80; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    if (cum + c >= rank) {
      const fraction = Math.min(1, Math.max(0, (rank - cum) / c));
      return 2 ** ((i - 1) / 4) * 2 ** (fraction / 4);
    }
    cum += c;
  }
  throw new Error("empty histogram");
}

function expectClose(actual: number | null, expected: number | null, label: string) {
  if (expected === null || actual === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

function compare(
  metric: MetricKey,
  actual: Map<string, Point>,
  expected: Map<string, Point>,
  label: string,
) {
  expect([...actual.keys()].sort(), `${label}: buckets/groups`).toEqual(
    [...expected.keys()].sort(),
  );
  for (const [k, want] of expected) {
    const got = actual.get(k)!;
    expect(got.n, `${label} ${k}: n`).toBe(want.n);
    if (metric === "latency_p50" || metric === "latency_p95") {
      const q = metric === "latency_p50" ? 0.5 : 0.95;
      // Exactly the histogram's answer, and within one bucket (±19%) of the exact percentile.
      expectClose(got.value, histogramQuantile(want.latencies!, q), `${label} ${k}: histogram`);
      if (want.n >= 200) {
        const ratio = got.value! / want.value!;
        expect(ratio, `${label} ${k}: vs percentile_cont`).toBeGreaterThan(2 ** -0.3);
        expect(ratio, `${label} ${k}: vs percentile_cont`).toBeLessThan(2 ** 0.3);
      }
    } else {
      expectClose(got.value, want.value, `${label} ${k}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The RPC answers, as a member of the organization.

interface SeriesRow {
  bucket: Date;
  metric: string;
  group_key: string | null;
  value: number | null;
  n: string;
}

let org: TestOrg;
let other: TestOrg;

const member = () => org.users.product_manager;

async function series(
  metrics: MetricKey[],
  from: Date,
  to: Date,
  granularity: Exclude<Granularity, "all">,
  filters: Filters = {},
  groupBy: DimensionKey | null = null,
) {
  const rows = await asUser(
    member(),
    (tx) => tx<SeriesRow[]>`
    select * from public.metric_series(${org.orgId}, ${metrics}, ${from}, ${to}, ${granularity},
      ${tx.json(filters)}, ${groupBy})`,
  );
  return perMetric(
    metrics,
    rows.map((r) => ({ ...r, key: key(r.bucket, r.group_key) })),
  );
}

async function summary(metrics: MetricKey[], from: Date, to: Date, filters: Filters = {}) {
  const rows = await asUser(
    member(),
    (tx) => tx<
      {
        metric: string;
        value: number | null;
        n: string;
        previous_value: number | null;
        previous_n: string;
      }[]
    >`
    select * from public.metric_summary(${org.orgId}, ${metrics}, ${from}, ${to}, ${tx.json(filters)})`,
  );
  expect(rows.map((r) => r.metric)).toEqual(metrics);
  const current = perMetric(
    metrics,
    rows.map((r) => ({ metric: r.metric, key: key(null, null), value: r.value, n: r.n })),
  );
  const previous = perMetric(
    metrics,
    rows.map((r) => ({
      metric: r.metric,
      key: key(null, null),
      value: r.previous_value,
      n: r.previous_n,
    })),
  );
  return { current, previous };
}

function perMetric(
  metrics: MetricKey[],
  rows: { metric: string; key: string; value: number | null; n: string }[],
) {
  const out = new Map<MetricKey, Map<string, Point>>(metrics.map((m) => [m, new Map()]));
  for (const row of rows) {
    if (Number(row.n) === 0) continue;
    out.get(row.metric as MetricKey)!.set(row.key, { value: row.value, n: Number(row.n) });
  }
  return out;
}

const ALL_METRICS = [...METRIC_KEYS].filter(
  (m) => m !== "sentiment" && m !== "resolution_time" && m !== "deflection",
);

async function checkSummaries(label: string, filters: Filters = {}) {
  const ranges: [string, Date, Date][] = [
    ["last 40 min", ago(40 * MINUTE + 7_123), new Date(NOW)],
    ["1D", ago(DAY), new Date(NOW)],
    ["7D", ago(7 * DAY), new Date(NOW)],
    ["1Y", ago(365 * DAY), new Date(NOW)],
    ["500 days", ago(500 * DAY), new Date(NOW)],
    // Past the hour rollups' retention, at odd minutes: read from day rows and raw edges.
    ["old window", ago(130 * DAY + 37 * MINUTE), ago(95 * DAY - 11 * MINUTE)],
  ];
  for (const [name, from, to] of ranges) {
    const { current, previous } = await summary(ALL_METRICS, from, to, filters);
    const span = to.getTime() - from.getTime();
    for (const metric of ALL_METRICS) {
      compare(
        metric,
        current.get(metric)!,
        await rawAnswer(org.orgId, metric, from, to, "all", filters),
        `${label} ${name} ${metric}`,
      );
      compare(
        metric,
        previous.get(metric)!,
        await rawAnswer(org.orgId, metric, new Date(from.getTime() - span), from, "all", filters),
        `${label} ${name} previous ${metric}`,
      );
    }
  }
}

async function checkSeries(label: string) {
  const cases: [string, Date, Date, Exclude<Granularity, "all">, Filters, DimensionKey | null][] = [
    ["6h by minute", ago(6 * HOUR), new Date(NOW), "minute", {}, null],
    ["1D by hour per intent", ago(DAY), new Date(NOW), "hour", {}, "intent"],
    [
      "7D by hour, gpt-4o + claude, per variant",
      ago(7 * DAY),
      new Date(NOW),
      "hour",
      { model: ["gpt-4o", "claude-sonnet"] },
      "variant_id",
    ],
    [
      "1M by day, automated only",
      ago(30 * DAY),
      new Date(NOW),
      "day",
      { is_manual: ["false"] },
      null,
    ],
    ["6M by day per account", ago(182 * DAY), new Date(NOW), "day", {}, "account"],
    [
      "3M by day, one account, per capability",
      ago(91 * DAY + 7 * HOUR),
      new Date(NOW),
      "day",
      { account: ["globex"] },
      "capability",
    ],
    ["1Y by week", ago(365 * DAY), new Date(NOW), "week", {}, null],
    [
      "1Y by week, one intent, per model",
      ago(365 * DAY),
      new Date(NOW),
      "week",
      { intent: ["refund", "pricing"], status: ["ok"] },
      "model",
    ],
    ["old hours (raw)", ago(100 * DAY + 5 * MINUTE), ago(98 * DAY), "hour", {}, "status"],
    [
      "3M by day, two accounts and a model, per status",
      ago(91 * DAY + 5 * HOUR),
      new Date(NOW),
      "day",
      { account: ["acme", "globex"], model: ["gpt-4o"] },
      "status",
    ],
    [
      "1Y by week, one capability, per account",
      ago(365 * DAY),
      new Date(NOW),
      "week",
      { capability: ["Support"] },
      "account",
    ],
  ];
  for (const [name, from, to, granularity, filters, groupBy] of cases) {
    const got = await series(ALL_METRICS, from, to, granularity, filters, groupBy);
    for (const metric of ALL_METRICS) {
      compare(
        metric,
        got.get(metric)!,
        await rawAnswer(org.orgId, metric, from, to, granularity, filters, groupBy),
        `${label} ${name} ${metric}`,
      );
    }
  }
}

async function checkBreakdown(label: string) {
  for (const [metric, dimension, filters] of [
    ["conversion", "variant_id", {}],
    ["latency_p95", "model", {}],
    ["thumbs_up_rate", "intent", {}],
    // combined_status day rows.
    ["error_rate", "status", { model: ["gpt-4o", "gemini-pro"] }],
    // account_combined without an account filter: its rows, and the other account-days raw.
    ["conversion", "account", { is_manual: ["false"] }],
    ["latency_p50", "account", { intent: ["refund"] }],
    // account_combined filtered by account.
    ["thumbs_up_rate", "status", { account: ["acme", "stark"] }],
  ] as [MetricKey, DimensionKey, Filters][]) {
    const [from, to, cFrom, cTo] = [ago(30 * DAY), new Date(NOW), ago(60 * DAY), ago(30 * DAY)];
    const rows = await asUser(
      member(),
      (tx) => tx<
        {
          segment: string | null;
          n: string;
          value: number | null;
          compare_n: string;
          compare_value: number | null;
        }[]
      >`
      select * from public.metric_breakdown(${org.orgId}, ${metric}, ${dimension}, ${from}, ${to}, ${cFrom}, ${cTo}, ${tx.json(filters)})`,
    );
    const current = new Map<string, Point>();
    const compared = new Map<string, Point>();
    for (const row of rows) {
      if (Number(row.n) > 0)
        current.set(key(null, row.segment), { value: row.value, n: Number(row.n) });
      if (Number(row.compare_n) > 0)
        compared.set(key(null, row.segment), {
          value: row.compare_value,
          n: Number(row.compare_n),
        });
    }
    compare(
      metric,
      current,
      await rawAnswer(org.orgId, metric, from, to, "all", filters, dimension),
      `${label} breakdown ${metric} by ${dimension} ${JSON.stringify(filters)}`,
    );
    compare(
      metric,
      compared,
      await rawAnswer(org.orgId, metric, cFrom, cTo, "all", filters, dimension),
      `${label} breakdown compare ${metric} by ${dimension} ${JSON.stringify(filters)}`,
    );
  }
}

async function refresh() {
  await adminSql`select private.refresh_rollups()`;
}

/**
 * The rollup rows a refresh must leave as they were, as of `asOf` (the same instant for the two
 * snapshots compared). Rows near a trim horizon are left out: when the clock crosses the hour
 * (minute rows keep 48 hours) or midnight (the dimension hour rows keep 90 days) between two
 * refreshes, the later one rightly trims the oldest of them.
 */
async function rollupSnapshot(orgId: string, asOf: Date) {
  const tables = ["run_rollups", "outcome_rollups", "feedback_rollups"];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    snapshot[table] = await adminSql.unsafe(
      `select to_jsonb(x) - 'organization_id' as row from public.${table} x
       where organization_id = $1
         and not (level = 'minute' and bucket < $2::timestamptz - interval '46 hours')
         and not (level = 'hour' and bucket < $2::timestamptz - interval '88 days')
       order by 1`,
      [orgId, asOf.toISOString()],
    );
  }
  return snapshot;
}

// Late-linked: outcomes and feedback naming runs that arrive only in the second batch.
const lateRuns: { id: string; externalId: string; at: Date }[] = [];

// Few enough that the last days' accounts keep account_combined rows and the older, sparse
// account-days are read raw, so both halves of that grain are checked.
const ACCOUNT_COMBINED_MIN_RUNS = 4;

beforeAll(async () => {
  await adminSql`update private.rollup_state set account_combined_min_runs = ${ACCOUNT_COMBINED_MIN_RUNS}`;
  org = await createTestOrg("rollups");
  other = await createTestOrg("rollups-other");

  const runs = Array.from({ length: 2500 }, () => runRow(org.orgId, occurredAt()));
  for (let i = 0; i < 60; i++) {
    lateRuns.push({ id: randomUUID(), externalId: `late-${i}`, at: occurredAt() });
  }
  const outcomes = [
    ...runs
      .filter(() => random() < 0.6)
      .map((r) =>
        outcomeRow(
          org.orgId,
          new Date(r.occurred_at.getTime() + random() * HOUR),
          random() < 0.5 ? { run_id: r.id } : { run_external_id: r.external_id },
        ),
      ),
    ...Array.from({ length: 150 }, () => outcomeRow(org.orgId, occurredAt(), {})),
    ...lateRuns.map((r, i) =>
      outcomeRow(
        org.orgId,
        new Date(r.at.getTime() + MINUTE),
        i % 2 ? { run_id: r.id } : { run_external_id: r.externalId },
      ),
    ),
  ];
  const feedback = [
    ...runs
      .filter(() => random() < 0.3)
      .map((r) => feedbackRow(org.orgId, new Date(r.occurred_at.getTime() + 5 * MINUTE), r.id)),
    ...lateRuns
      .filter((_, i) => i % 3 === 0)
      .map((r) => feedbackRow(org.orgId, new Date(r.at.getTime() + 2 * MINUTE), r.id)),
  ];
  await adminSql`insert into public.llm_runs ${adminSql(runs)}`;
  await adminSql`insert into public.outcomes ${adminSql(outcomes)}`;
  await adminSql`insert into public.feedback ${adminSql(feedback)}`;
  // Someone else's data, which must never show up.
  await adminSql`insert into public.llm_runs ${adminSql(Array.from({ length: 50 }, () => runRow(other.orgId, occurredAt())))}`;
}, 120_000);

afterAll(async () => {
  await adminSql`update private.rollup_state set account_combined_min_runs = default`;
  await org?.delete();
  await other?.delete();
  await adminSql.end();
});

describe("rollups", () => {
  it("answer like the raw tables before any refresh (all tail), after one, and after a rerun", async () => {
    await checkSummaries("tail only");
    // The account grain's raw outcomes and feedback take the account from the row, not the run.
    await checkSummaries("tail only, two accounts", { account: ["acme", "zeta"] });
    await refresh();
    await checkSummaries("rolled up");
    await checkSummaries("rolled up, filtered", {
      capability: ["QualifyLead"],
      intent: ["refund", "schedule"],
    });
    // An account with another dimension: raw runs found through the account's index.
    await checkSummaries("rolled up, filtered by account and model", {
      account: ["acme"],
      model: ["gpt-4o", "claude-sonnet"],
    });
    await checkSummaries("rolled up, filtered by account and status", {
      account: ["acme", "globex"],
      status: ["ok"],
    });
    await checkSummaries("rolled up, filtered by model and manual/automated", {
      model: ["claude-sonnet"],
      is_manual: ["true"],
    });
    // Both halves of the account_combined grain were read: account-days with rows, and
    // account-days with fewer runs than the threshold, read raw.
    const [split] = await adminSql<{ crossed: string; uncrossed: string; wrong: string }[]>`
      select count(*) filter (where c.has_rows and c.n >= ${ACCOUNT_COMBINED_MIN_RUNS}) as crossed,
             count(*) filter (where not c.has_rows and c.n < ${ACCOUNT_COMBINED_MIN_RUNS}) as uncrossed,
             count(*) filter (where c.has_rows <> (c.n >= ${ACCOUNT_COMBINED_MIN_RUNS})) as wrong
      from (
        select d.n, exists (
                 select 1 from public.run_rollups x
                 where x.organization_id = ${org.orgId} and x.grain = 'account_combined'
                   and x.level = 'day' and x.account = d.account and x.bucket = d.day) as has_rows
        from (select account, date_trunc('day', occurred_at, 'UTC') as day, count(*) as n
              from public.llm_runs where organization_id = ${org.orgId} and account is not null
              group by 1, 2) d
      ) c`;
    expect(Number(split!.wrong)).toBe(0);
    expect(Number(split!.crossed)).toBeGreaterThan(10);
    expect(Number(split!.uncrossed)).toBeGreaterThan(10);
    await checkSeries("rolled up");
    await checkBreakdown("rolled up");

    const asOf = new Date();
    const before = await rollupSnapshot(org.orgId, asOf);
    expect(before.run_rollups!.length).toBeGreaterThan(100);
    await refresh();
    expect(await rollupSnapshot(org.orgId, asOf)).toEqual(before);

    // A week's rows are written by the refresh that sees it end, even when none of its days is
    // touched then. As if this organization's rows had all arrived before this week began and
    // last week's rows had been rolled up while it was open: its rows' arrival is moved back, its
    // week rows deleted, and the watermark set to just before this week began. In one
    // transaction, so that no concurrent reader sees that watermark with today's rollups.
    const lastWeekRows = (tx: Sql | TransactionSql) => tx`
      select to_jsonb(x) as row from public.run_rollups x
      where x.organization_id = ${org.orgId} and x.level = 'week'
        and x.bucket = date_trunc('week', now(), 'UTC') - interval '168 hours'
      order by 1`;
    const lastWeek = await lastWeekRows(adminSql);
    expect(lastWeek.length).toBeGreaterThan(10);
    await adminSql.begin(async (tx) => {
      for (const table of ["llm_runs", "outcomes", "feedback"])
        await tx`update ${tx("public." + table)} set received_at = date_trunc('week', now(), 'UTC') - interval '1 hour'
                 where organization_id = ${org.orgId}`;
      await tx`delete from public.run_rollups where organization_id = ${org.orgId} and level = 'week'
               and bucket = date_trunc('week', now(), 'UTC') - interval '168 hours'`;
      await tx`update private.rollup_state set watermark = date_trunc('week', now(), 'UTC') - interval '1 second'`;
      await tx`select private.refresh_rollups()`;
      expect(await lastWeekRows(tx)).toEqual(lastWeek);
    });
  }, 600_000);

  it("take late, out-of-order and late-linked events: at once through the tail, in place after a refresh", async () => {
    // Runs long ago and just now, in no particular order, all received now; and the runs the
    // late-linked outcomes and feedback have been waiting for.
    const late = [
      ...[300 * DAY, 5 * MINUTE, 45 * DAY, 3 * DAY, 20 * MINUTE, 200 * DAY, 36 * HOUR].map((age) =>
        runRow(org.orgId, ago(age)),
      ),
      ...lateRuns.map((r) => runRow(org.orgId, r.at, r.id, r.externalId)),
    ];
    await adminSql`insert into public.llm_runs ${adminSql(late)}`;
    await adminSql`insert into public.outcomes ${adminSql([outcomeRow(org.orgId, ago(250 * DAY), { run_id: late[0]!.id }), outcomeRow(org.orgId, ago(2 * MINUTE), { run_id: late[1]!.id })])}`;
    const [linkedRow] = await adminSql<{ linked: string }[]>`
      select count(*) as linked from public.outcomes where organization_id = ${org.orgId} and run_external_id like 'late-%' and run_id is not null`;
    expect(Number(linkedRow!.linked)).toBe(30);

    // Totals are right at once (the new rows come from the tail).
    await checkSummaries("late, before refresh");
    await refresh();
    // And every dimension is right after the refresh, late-linked outcomes included.
    await checkSummaries("late, refreshed");
    // Outcomes and feedback that named a late run take its account (attributed_account).
    await checkSummaries("late, refreshed, two accounts", { account: ["acme", "zeta"] });
    await checkSummaries("late, refreshed, an account and a model", {
      account: ["globex"],
      model: ["gpt-4o"],
    });
    await checkSummaries("late, refreshed, per variant", {
      variant_id: [variants[0]!.variants[0]!.id, variants[1]!.variants[1]!.id],
    });
    await checkSeries("late, refreshed");
    await checkBreakdown("late, refreshed");

    const asOf = new Date();
    const before = await rollupSnapshot(org.orgId, asOf);
    await refresh();
    await refresh();
    expect(await rollupSnapshot(org.orgId, asOf)).toEqual(before);
  }, 600_000);

  it("rejects unknown keys with 22023 naming them, and bad ranges", async () => {
    const call = (fn: (tx: Parameters<Parameters<typeof asUser>[1]>[0]) => Promise<unknown>) =>
      asUser(member(), fn).then(
        () => null,
        (error: { code?: string; message?: string }) => ({
          code: error.code,
          message: error.message,
        }),
      );
    expect(
      await call(
        (tx) =>
          tx`select * from public.metric_summary(${org.orgId}, ${["runs", "revenue"]}, ${ago(DAY)}, ${new Date(NOW)})`,
      ),
    ).toEqual({
      code: "22023",
      message: 'Unknown metric "revenue"',
    });
    expect(
      await call(
        (tx) =>
          tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)}, 'hour', ${tx.json({ colour: ["red"] })})`,
      ),
    ).toEqual({
      code: "22023",
      message: 'Unknown dimension "colour" in p_filters',
    });
    expect(
      await call(
        (tx) =>
          tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)}, 'hour', '{}', 'organization_id')`,
      ),
    ).toEqual({
      code: "22023",
      message: 'Unknown dimension "organization_id"',
    });
    expect(
      await call(
        (tx) =>
          tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)}, 'hour', ${tx.json({ model: "gpt-4o" })})`,
      ),
    ).toEqual({
      code: "22023",
      message: "p_filters.model must be an array of strings",
    });
    expect(
      (
        await call(
          (tx) =>
            tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(365 * DAY)}, ${new Date(NOW)}, 'minute')`,
        )
      )?.code,
    ).toBe("22023");
    expect(
      (
        await call(
          (tx) =>
            tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)}, 'fortnight')`,
        )
      )?.code,
    ).toBe("22023");
    expect(
      (
        await call(
          (tx) =>
            tx`select * from public.metric_breakdown(${org.orgId}, 'runs', 'colour', ${ago(DAY)}, ${new Date(NOW)}, ${ago(2 * DAY)}, ${ago(DAY)})`,
        )
      )?.message,
    ).toBe('Unknown dimension "colour"');
  });

  it("through the API: filters as a JSON object, numbers as sent", async () => {
    const client = await signIn(org.users.operations);
    const { data, error } = await client.rpc("metric_summary", {
      p_organization_id: org.orgId,
      p_metrics: ["runs", "error_rate"],
      p_from: ago(365 * DAY).toISOString(),
      p_to: new Date(NOW).toISOString(),
      p_filters: { model: ["gpt-4o"] },
    });
    expect(error).toBeNull();
    const expected = await rawAnswer(org.orgId, "runs", ago(365 * DAY), new Date(NOW), "all", {
      model: ["gpt-4o"],
    });
    expect(Number(data![0]!.value)).toBe(expected.get(key(null, null))!.value);
  });

  it("show another organization's members nothing", async () => {
    const outsider = other.users.admin;
    const code = await sqlErrorCode(
      asUser(
        outsider,
        (tx) =>
          tx`select * from public.metric_summary(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)})`,
      ),
    );
    expect(code).toBe("42501");
    expect(
      await sqlErrorCode(
        asUser(
          outsider,
          (tx) =>
            tx`select * from public.metric_series(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)}, 'hour')`,
        ),
      ),
    ).toBe("42501");
    for (const table of ["run_rollups", "outcome_rollups", "feedback_rollups"]) {
      const rows = await asUser(outsider, (tx) =>
        tx.unsafe(`select count(*)::int as c from public.${table} where organization_id = $1`, [
          org.orgId,
        ]),
      );
      expect(rows[0]!.c, table).toBe(0);
    }
    // Their own organization's figures hold only their own runs.
    const own = await asUser(
      outsider,
      (tx) =>
        tx<
          { n: string }[]
        >`select n from public.metric_summary(${other.orgId}, ${["runs"]}, ${ago(600 * DAY)}, ${new Date(NOW)})`,
    );
    expect(Number(own[0]!.n)).toBe(50);
    const anon = await sqlErrorCode(
      asUser(
        null,
        (tx) =>
          tx`select * from public.metric_summary(${org.orgId}, ${["runs"]}, ${ago(DAY)}, ${new Date(NOW)})`,
      ),
    );
    expect(anon).toBe("42501");
  });
});
