// `npm run bench:ingest`: events per second into llm_runs, through the ingest edge function and
// straight into PostgreSQL with COPY, on this machine, at batch sizes 1, 100 and 1,000.
//
// Starts the local stack (embedded PostgreSQL in a temp dir, migrations, demo data, API gateway,
// Deno functions) and creates an org API key with the ingest scope. Then, for each batch size:
//   (a) sends realistic `run` events (every field a real run has, unique idempotency keys) to
//       POST /functions/v1/ingest from CONCURRENCY concurrent clients in a separate process
//       (bench/ingest/client.ts), checks that every event came back `accepted` and that
//       llm_runs holds exactly that many rows of the series afterwards;
//   (b) COPYs the same kind of rows straight into public.llm_runs with postgres.js, one
//       `copy ... from stdin` per batch, from CONCURRENCY connections, and checks the count.
// Writes bench/results/ingest.json and bench/results/ingest.md. Loopback only; bounded loops.
import type postgres from "postgres";
import { copyInto, LLM_RUN_COLUMNS, llmRunLine, md5Uuid } from "../../scripts/lib/copy";
import type { RunEventInput } from "../../supabase/functions/_shared/ingest-events";
import {
  createApiKey,
  describeMachine,
  machineMarkdown,
  runClient,
  startBenchStack,
  writeResults,
  type Machine,
} from "../lib/harness";
import type { IngestJob, IngestRun } from "./client";
import { runEvent } from "./events";

const TARGET_EVENTS_PER_SECOND = 5000;
const CONCURRENCY = 4;
/** Batch size → events sent at that size (bounded: the whole run takes a few minutes). */
const PHASES = [
  { batchSize: 1, events: 2_000 },
  { batchSize: 100, events: 50_000 },
  { batchSize: 1000, events: 50_000 },
] as const;
const WARMUP = { batchSize: 50, events: 1_000 } as const;

/** The llm_runs row `ingest_events` would store for `event`, as a line of COPY text. */
function runCopyLine(event: RunEventInput, organizationId: string, receivedAt: Date): string {
  const r = event.run;
  return llmRunLine({
    id: r.id,
    organization_id: organizationId,
    idempotency_key: event.idempotency_key,
    event_hash: md5Uuid(JSON.stringify(event)),
    occurred_at: event.occurred_at,
    received_at: receivedAt,
    external_id: r.external_id,
    conversation_id: r.conversation_id,
    account: r.account,
    end_user_id: r.end_user_id,
    capability: r.capability,
    action: r.action,
    intent: r.intent,
    experiment_id: r.experiment_id,
    variant_id: r.variant_id,
    version_id: r.version_id,
    provider: r.provider,
    model: r.model,
    latency_ms: r.latency_ms,
    ttft_ms: r.time_to_first_token_ms,
    tokens_in: r.tokens_in,
    tokens_out: r.tokens_out,
    tokens_cached: r.tokens_cached,
    cost_usd: r.cost_usd,
    status: r.status ?? "ok",
    error_type: r.error_type,
    error_message: r.error_message,
    is_manual: r.is_manual,
    tool_calls: r.tool_calls,
    question: r.question,
    response: r.response,
    metadata: r.metadata,
  });
}

async function countSeries(sql: postgres.Sql, series: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.llm_runs where idempotency_key like ${`bench-${series}-%`}`;
  return row!.n;
}

/** COPYs `events` runs of `series` into llm_runs, `batchSize` rows per COPY; seconds taken. */
async function copyRuns(
  sql: postgres.Sql,
  organizationId: string,
  series: number,
  events: number,
  batchSize: number,
): Promise<number> {
  const now = Date.now();
  const chunks: string[] = [];
  for (let start = 0; start < events; start += batchSize) {
    let chunk = "";
    for (let i = start; i < Math.min(events, start + batchSize); i++) {
      chunk += runCopyLine(runEvent(series, i, now), organizationId, new Date(now));
    }
    chunks.push(chunk);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        await (await copyInto(sql, "public.llm_runs", LLM_RUN_COLUMNS)).end(chunk);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const { stack, sql, loadAtStart, stop } = await startBenchStack({ connections: CONCURRENCY });

try {
  const apiKey = await createApiKey(sql, "benchmark", ["ingest"]);
  const [org] = await sql<{ id: string; text_policy: string }[]>`
    select o.id, coalesce(s.run_text_policy, 'store') as text_policy
    from public.organizations o left join public.organization_settings s on s.organization_id = o.id
    where o.slug = 'acme-commerce'`;
  const runsBefore = await sql<{ n: number }[]>`select count(*)::int as n from public.llm_runs`;

  const job = (series: number, events: number, batchSize: number): IngestJob => ({
    url: `${stack.functionsUrl}/ingest`,
    apiKey,
    series,
    events,
    batchSize,
    concurrency: CONCURRENCY,
  });
  // Warm-up: the function's first requests compile and connect; not counted.
  await runClient<IngestRun>("bench/ingest/client.ts", job(900, WARMUP.events, WARMUP.batchSize));

  const rows = [];
  for (const [n, phase] of PHASES.entries()) {
    const series = n + 1;
    const run = await runClient<IngestRun>(
      "bench/ingest/client.ts",
      job(series, phase.events, phase.batchSize),
    );
    const stored = await countSeries(sql, series);
    if (run.accepted !== phase.events || run.notAccepted !== 0 || stored !== phase.events) {
      throw new Error(
        `batch size ${phase.batchSize}: sent ${phase.events}, accepted ${run.accepted}, ` +
          `not accepted ${run.notAccepted} ${run.problems.join(" ")}, stored ${stored}`,
      );
    }
    const copySeries = 100 + series;
    const copySeconds = await copyRuns(sql, org!.id, copySeries, phase.events, phase.batchSize);
    const copied = await countSeries(sql, copySeries);
    if (copied !== phase.events) {
      throw new Error(`COPY at ${phase.batchSize}: wrote ${phase.events}, found ${copied}`);
    }
    const functionRate = Math.round(phase.events / run.seconds);
    const copyRate = Math.round(phase.events / copySeconds);
    const row = {
      batch_size: phase.batchSize,
      events: phase.events,
      function: {
        requests: run.requests,
        seconds: Math.round(run.seconds * 1000) / 1000,
        events_per_second: functionRate,
        accepted: run.accepted,
        rows_stored: stored,
      },
      copy: {
        statements: Math.ceil(phase.events / phase.batchSize),
        seconds: Math.round(copySeconds * 1000) / 1000,
        events_per_second: copyRate,
        rows_stored: copied,
      },
      function_to_copy_ratio: Math.round((functionRate / copyRate) * 1000) / 1000,
      target_met: functionRate >= TARGET_EVENTS_PER_SECOND,
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }

  const sample = runEvent(1, 1, Date.now());
  const results = {
    date: new Date().toISOString(),
    machine: await describeMachine(sql, loadAtStart),
    setup: {
      concurrency: CONCURRENCY,
      target_function_events_per_second: TARGET_EVENTS_PER_SECOND,
      warmup: WARMUP,
      organization: "Acme Commerce (demo data)",
      run_text_policy: org!.text_policy,
      llm_runs_before: runsBefore[0]!.n,
      event_bytes: JSON.stringify(sample).length,
      sample_event: sample,
      function_path:
        "client process → gateway → Deno function (zod validation) → gateway (PostgREST) → public.ingest_events → PostgreSQL, all on 127.0.0.1",
      copy_path:
        "postgres.js in the stack's process → COPY public.llm_runs FROM STDIN (text format), one statement per batch",
    },
    unit: "events/s",
    results: rows,
  };
  console.log(await writeResults("ingest", results, markdown(results)));
} finally {
  await stop();
}

function markdown(r: {
  date: string;
  machine: Machine;
  setup: {
    concurrency: number;
    target_function_events_per_second: number;
    run_text_policy: string;
    event_bytes: number;
    function_path: string;
    copy_path: string;
  };
  results: {
    batch_size: number;
    events: number;
    function: { requests: number; events_per_second: number };
    copy: { events_per_second: number };
    function_to_copy_ratio: number;
    target_met: boolean;
  }[];
}): string {
  const rows = r.results
    .map(
      (x) =>
        `| ${x.batch_size} | ${x.events} | ${x.function.events_per_second} | ${x.copy.events_per_second} | ${(x.function_to_copy_ratio * 100).toFixed(1)}% | ${x.target_met ? "yes" : "no"} |`,
    )
    .join("\n");
  const best = r.results.reduce((a, b) =>
    b.function.events_per_second > a.function.events_per_second ? b : a,
  );
  const single = r.results.find((x) => x.batch_size === 1)!;
  return `# ingest benchmark

Measured by \`npm run bench:ingest\` (bench/ingest/index.ts) on ${r.date.slice(0, 10)}. Events
per second of \`run\` events into \`public.llm_runs\`, from ${r.setup.concurrency} concurrent
clients, at each batch size. Every event is a complete run (ids, conversation, account, end user,
taxonomy, experiment, variant and version, provider and model, latency and time to first token,
tokens, cost, status, tool calls, question and response text, metadata: about
${r.setup.event_bytes} bytes of JSON) with its own idempotency key. The organization's text
setting is \`${r.setup.run_text_policy}\`.

- **Function**: ${r.setup.function_path}. Each client waits for its answer before sending its
  next batch. Every event came back \`accepted\` and the table held exactly that many rows of the
  run afterwards (no loss, no duplicates).
- **COPY**: ${r.setup.copy_path}, the same rows, from ${r.setup.concurrency} connections. The
  floor: no HTTP, no validation, no idempotency check.
- **Target**: at least ${r.setup.target_function_events_per_second} events/s through the function.

| Batch size | Events | Function events/s | COPY events/s | Function / COPY | Target met? |
| --- | --- | --- | --- | --- | --- |
${rows}

## Reading the numbers

At batch size 1 (${single.function.events_per_second} events/s) every event pays a whole HTTP
request through the gateway, the Deno function and the local PostgREST stand-in, so the rate is
the request rate; that is why the SDK batches. From 100 events per batch the fixed cost is
shared and the rate is set by the work per event: JSON parsing and zod validation in the function,
the JSON round trip through PostgREST, and \`ingest_events\` unpacking the batch, checking
idempotency keys in all four event tables and inserting set-based. The best rate
(${best.function.events_per_second} events/s at batch size ${best.batch_size}) is
${(best.function_to_copy_ratio * 100).toFixed(0)}% of COPY's, which does none of that. Everything
(client, gateway, Deno, PostgreSQL) shares the machine's ${r.machine.cpus.count} cores, so these
are figures for this machine only; hosted Supabase runs the pieces as separate services.

COPY is a floor only for large batches. At batch size 1 it was slower than the function here
(${single.copy.events_per_second} events/s, about
${Math.round((r.setup.concurrency * 1000) / single.copy.events_per_second)} ms per one-row
\`copy ... from stdin\` on each connection): that cost is per statement, not per row (presumably postgres.js's
\`writable()\` COPY protocol handling and the statement-level trigger that links early outcomes; not investigated). Read the batch-1 ratio as "COPY is the wrong tool
for single events", not as the function beating PostgreSQL.

${machineMarkdown(r.machine)}`;
}
