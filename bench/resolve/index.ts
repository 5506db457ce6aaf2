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
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import prettier from "prettier";
import { denoBinary } from "../../scripts/lib/edge-runtime";
import { generateKeys } from "../../scripts/lib/keys";
import { repoRoot } from "../../scripts/lib/paths";
import { startStack } from "../../scripts/lib/stack";
import type { ClientJob, Sample } from "./client";

process.env.DO_NOT_TRACK = "1";
// One log line per request from the functions router would drown the report.
process.env.EDGE_RUNTIME_LOG = "0";

const REQUESTS = 2000;
const CONCURRENCY = 10;
const WARMUP = 200;
/** Units repeat, as real traffic does: the first request of each records an exposure. */
const UNITS = 500;
const SCOPE = { capability: "QualifyLead" } as const;

interface Summary {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    median: round(rank(0.5)),
    p95: round(rank(0.95)),
    mean: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
  };
}

// Other work on the machine skews latency; the report says how busy it was.
const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
const scratch = mkdtempSync(path.join(os.tmpdir(), "causeway-bench-"));
const stack = await startStack({
  postgresDir: path.join(scratch, "postgres"),
  keys: generateKeys(),
  seed: true,
  scheduler: false,
});
const sql = postgres(stack.dbUrl, { onnotice: () => {}, max: 1 });

try {
  // An org API key, created as Acme's engineer would create it.
  const key = await sql.begin(async (tx) => {
    const [engineer] = await tx<{ id: string }[]>`
      select id from auth.users where email = 'engineer@demo.causeway.dev'`;
    await tx`select set_config('request.jwt.claim.sub', ${engineer!.id}, true),
                    set_config('request.jwt.claims', ${JSON.stringify({ sub: engineer!.id })}, true)`;
    const [created] = await tx<{ secret: string }[]>`
      select secret from public.create_api_key(
        (select id from public.organizations where slug = 'acme-commerce'), 'benchmark', '{resolve}')`;
    return created!.secret;
  });

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

  const [pg] = await sql<{ version: string }[]>`select version()`;
  const exposures = await sql<{ units: number }[]>`
    select count(*)::int as units from public.exposures where unit_id like 'bench-user-%' or unit_id like 'rpc-user-%'`;
  const results = {
    date: new Date().toISOString(),
    machine: {
      os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
      cpus: { model: os.cpus()[0]?.model ?? "unknown", count: os.cpus().length },
      memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      load_average_at_start: loadAtStart,
      load_average_at_end: os.loadavg().map((x) => Math.round(x * 100) / 100),
      node: process.version,
      deno: execFileSync(denoBinary(), ["--version"], { encoding: "utf8" }).split("\n")[0],
      postgres: pg!.version.split(" on ")[0],
    },
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

  const resultsDir = path.join(repoRoot, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const json = path.join(resultsDir, "resolve.json");
  writeFileSync(
    json,
    await prettier.format(JSON.stringify(results), {
      ...(await prettier.resolveConfig(json)),
      filepath: json,
    }),
  );
  const report = path.join(resultsDir, "resolve.md");
  const formatted = await prettier.format(markdown(results), {
    ...(await prettier.resolveConfig(report)),
    filepath: report,
  });
  writeFileSync(report, formatted);
  console.log(formatted);
} finally {
  await sql.end({ timeout: 2 });
  await stack.stop();
  rmSync(scratch, { recursive: true, force: true });
}

/** Runs bench/resolve/client.ts with `job` in a child process and returns its samples. */
function runClient(job: ClientJob): Promise<{ samples: Sample[]; seconds: number }> {
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  const client = path.join(repoRoot, "bench", "resolve", "client.ts");
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      [client, JSON.stringify(job)],
      { maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`bench client failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as { samples: Sample[]; seconds: number });
      },
    );
  });
}

function markdown(r: {
  date: string;
  machine: {
    os: string;
    cpus: { model: string; count: number };
    memory_gib: number;
    load_average_at_start: number[];
    load_average_at_end: number[];
    node: string;
    deno?: string;
    postgres?: string;
  };
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
  const row = (name: string, s: Summary) =>
    `| ${name} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.mean.toFixed(2)} | ${s.max.toFixed(2)} |`;
  return `# resolve benchmark

Measured by \`npm run bench:resolve\` (bench/resolve/index.ts) on ${r.date.slice(0, 10)}. Times in
milliseconds. ${r.setup.requests} requests after ${r.setup.warmup} warm-up requests, over
${r.setup.distinct_units} distinct units; ${r.setup.path}.

**Function** is the time inside the edge function (Server-Timing \`total\`), **RPC via PostgREST**
the part of it spent calling \`resolve_prompt\` (Server-Timing \`db\`), **round trip** what the
client saw.

## (a) Sequential, one client (${r.sequential.throughput_rps} requests/s)

| | median | p95 | mean | max |
| --- | --- | --- | --- | --- |
${row("Function (server time)", r.sequential.function_total)}
${row("RPC via PostgREST", r.sequential.function_db)}
${row("Round trip through the gateway", r.sequential.round_trip)}

## (b) ${r.setup.concurrency} concurrent clients (${r.concurrent.throughput_rps} requests/s)

| | median | p95 | mean | max |
| --- | --- | --- | --- | --- |
${row("Function (server time)", r.concurrent.function_total)}
${row("RPC via PostgREST", r.concurrent.function_db)}
${row("Round trip through the gateway", r.concurrent.round_trip)}

## (c) The RPC alone (postgres.js, sequential)

| | median | p95 | mean | max |
| --- | --- | --- | --- | --- |
${row("select public.resolve_prompt(...)", r.rpc_direct)}

## (d) Baseline: the trivial \`public.health()\` RPC through the gateway's PostgREST

| | median | p95 | mean | max |
| --- | --- | --- | --- | --- |
${row("POST /rest/v1/rpc/health, round trip", r.postgrest_baseline_health_rpc)}

## Reading the numbers

\`resolve_prompt\` itself (c) is about a millisecond: key check, scope lookup, assignment,
exposure upsert and rendering in one statement. Nearly all of the function's server time is
the hop through the local stack's PostgREST stand-in (@supabase/lite, one Node.js process that
also runs the gateway): (d) shows most of that cost for an RPC that does nothing. With 10
concurrent clients that single process is the bottleneck, so times grow with the queue in front
of it. Hosted Supabase runs PostgREST and the edge runtime as separate services; these figures
were measured only on the local stack.

## Machine

- OS: ${r.machine.os}
- CPU: ${r.machine.cpus.count} × ${r.machine.cpus.model}
- Memory: ${r.machine.memory_gib} GiB
- Load average (1, 5, 15 min): ${r.machine.load_average_at_start.join(", ")} at the start,
  ${r.machine.load_average_at_end.join(", ")} at the end
- Node ${r.machine.node}, ${r.machine.deno}, ${r.machine.postgres} (embedded, from npm)
`;
}
