// `npm run bench:resolve`: the resolve edge function's server time, on this machine.
//
// Starts the local stack (embedded PostgreSQL in a temp dir, migrations, demo data, API gateway,
// Deno functions), creates an org API key with the resolve scope, warms up, then measures:
//   (a) N sequential requests through the gateway,
//   (b) the same N requests from 10 concurrent clients,
// both sent by bench/resolve/client.ts in a separate process (the stack runs in this one), and
//   (c) the resolve_prompt RPC alone, called with postgres.js.
// For (a) and (b) it reports the client's round trip and the function's own time from its
// Server-Timing header (`total`: in the function; `db`: the RPC call through PostgREST).
// Writes bench/results/resolve.json and bench/results/resolve.md. Loopback only; bounded loops.
import {
  createApiKey,
  describeMachine,
  machineMarkdown,
  runClient as runChild,
  startBenchStack,
  writeResults,
  type Machine,
} from "../lib/harness";
import { summarize, summaryTable, type Summary } from "../lib/timing";
import type { ClientJob, Sample } from "./client";

const REQUESTS = 2000;
const CONCURRENCY = 10;
const WARMUP = 200;
/** Units repeat, as real traffic does: the first request of each records an exposure. */
const UNITS = 500;
const SCOPE = { capability: "QualifyLead" } as const;

const { stack, sql, loadAtStart, stop } = await startBenchStack();

try {
  // An org API key, created as Acme's engineer would create it.
  const key = await createApiKey(sql, "benchmark", ["resolve"]);

  // The load runs in a child process: the gateway and API run in this one.
  const job = (requests: number, concurrency: number, warmup: number): ClientJob => ({
    url: `${stack.functionsUrl}/resolve`,
    headers: { "x-api-key": key },
    body: SCOPE,
    resolve: true,
    units: UNITS,
    warmup,
    requests,
    concurrency,
  });
  const sequentialRun = await runClient(job(REQUESTS, 1, WARMUP));
  const concurrentRun = await runClient(job(REQUESTS, CONCURRENCY, WARMUP));
  const sequential = sequentialRun.samples;
  const concurrent = concurrentRun.samples;
  const sequentialSeconds = sequentialRun.seconds;
  const concurrentSeconds = concurrentRun.seconds;
  // The same path's fixed cost: the trivial public.health() RPC straight through PostgREST.
  const baseline = await runClient({
    url: `${stack.apiUrl}/rest/v1/rpc/health`,
    headers: { apikey: stack.keys.secretKey },
    body: {},
    resolve: false,
    units: 1,
    warmup: WARMUP,
    requests: REQUESTS,
    concurrency: 1,
  });

  // The RPC alone: what the function's one database round trip costs inside Postgres + driver.
  const rpc: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    await sql`select public.resolve_prompt(${key}, ${SCOPE.capability}, ${"rpc-user-" + (i % UNITS)})`;
    if (i >= WARMUP) rpc.push(performance.now() - started);
  }

  const exposures = await sql<{ units: number }[]>`
    select count(*)::int as units from public.exposures where unit_id like 'bench-user-%' or unit_id like 'rpc-user-%'`;
  const results = {
    date: new Date().toISOString(),
    machine: await describeMachine(sql, loadAtStart),
    setup: {
      requests: REQUESTS,
      warmup: WARMUP,
      concurrency: CONCURRENCY,
      distinct_units: UNITS,
      request: { ...SCOPE, unit_id: "bench-user-<n>" },
      served: "Acme Commerce demo data: QualifyLead with an active 50/50 experiment",
      exposures_recorded: exposures[0]!.units,
      path: "client process → gateway → Deno function → gateway (PostgREST) → PostgreSQL, all on 127.0.0.1",
    },
    unit: "ms",
    sequential: {
      round_trip: summarize(sequential.map((s) => s.roundTrip)),
      function_total: summarize(sequential.map((s) => s.total)),
      function_db: summarize(sequential.map((s) => s.db)),
      throughput_rps: Math.round(REQUESTS / sequentialSeconds),
    },
    concurrent: {
      clients: CONCURRENCY,
      round_trip: summarize(concurrent.map((s) => s.roundTrip)),
      function_total: summarize(concurrent.map((s) => s.total)),
      function_db: summarize(concurrent.map((s) => s.db)),
      throughput_rps: Math.round(REQUESTS / concurrentSeconds),
    },
    rpc_direct: summarize(rpc),
    postgrest_baseline_health_rpc: summarize(baseline.samples.map((s) => s.roundTrip)),
  };

  console.log(await writeResults("resolve", results, markdown(results)));
} finally {
  await stop();
}

/** Runs bench/resolve/client.ts with `job` in a child process and returns its samples. */
function runClient(job: ClientJob): Promise<{ samples: Sample[]; seconds: number }> {
  return runChild("bench/resolve/client.ts", job);
}

function markdown(r: {
  date: string;
  machine: Machine;
  setup: {
    requests: number;
    warmup: number;
    concurrency: number;
    distinct_units: number;
    path: string;
  };
  sequential: {
    round_trip: Summary;
    function_total: Summary;
    function_db: Summary;
    throughput_rps: number;
  };
  concurrent: {
    round_trip: Summary;
    function_total: Summary;
    function_db: Summary;
    throughput_rps: number;
  };
  rpc_direct: Summary;
  postgrest_baseline_health_rpc: Summary;
}): string {
  return `# resolve benchmark

Measured by \`npm run bench:resolve\` (bench/resolve/index.ts) on ${r.date.slice(0, 10)}. Times in
milliseconds. ${r.setup.requests} requests after ${r.setup.warmup} warm-up requests, over
${r.setup.distinct_units} distinct units; ${r.setup.path}.

**Function** is the time inside the edge function (Server-Timing \`total\`), **RPC via PostgREST**
the part of it spent calling \`resolve_prompt\` (Server-Timing \`db\`), **round trip** what the
client saw.

## (a) Sequential, one client (${r.sequential.throughput_rps} requests/s)

${summaryTable([
  ["Function (server time)", r.sequential.function_total],
  ["RPC via PostgREST", r.sequential.function_db],
  ["Round trip through the gateway", r.sequential.round_trip],
])}

## (b) ${r.setup.concurrency} concurrent clients (${r.concurrent.throughput_rps} requests/s)

${summaryTable([
  ["Function (server time)", r.concurrent.function_total],
  ["RPC via PostgREST", r.concurrent.function_db],
  ["Round trip through the gateway", r.concurrent.round_trip],
])}

## (c) The RPC alone (postgres.js, sequential)

${summaryTable([["select public.resolve_prompt(...)", r.rpc_direct]])}

## (d) Baseline: the trivial \`public.health()\` RPC through the gateway's PostgREST

${summaryTable([["POST /rest/v1/rpc/health, round trip", r.postgrest_baseline_health_rpc]])}

## Reading the numbers

\`resolve_prompt\` itself (c) is about a millisecond: key check, scope lookup, assignment,
exposure upsert and rendering in one statement. Nearly all of the function's server time is
the hop through the local stack's PostgREST stand-in (@supabase/lite, one Node.js process that
also runs the gateway): (d) shows most of that cost for an RPC that does nothing. With 10
concurrent clients that single process is the bottleneck, so times grow with the queue in front
of it. Hosted Supabase runs PostgREST and the edge runtime as separate services; these figures
were measured only on the local stack.

${machineMarkdown(r.machine)}`;
}
