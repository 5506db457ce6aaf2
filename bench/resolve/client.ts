// The load generator for bench/resolve/index.ts, run in its own process so the client does not
// share an event loop with the local stack it measures (the gateway and API run in the parent).
// Reads its job as JSON from argv[2]; prints the samples as JSON on stdout.
import { serverTiming } from "../lib/timing";

export interface ClientJob {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Add a unit_id (bench-user-<n mod units>) to each body and read Server-Timing. */
  resolve: boolean;
  units: number;
  warmup: number;
  requests: number;
  concurrency: number;
}

export interface Sample {
  /** What the client saw, ms. */
  roundTrip: number;
  /** Server-Timing `total`: time inside the edge function, ms. */
  total: number;
  /** Server-Timing `db`: the resolve_prompt call through PostgREST, ms. */
  db: number;
}

const job = JSON.parse(process.argv[2]!) as ClientJob;
let sent = 0;

async function request(): Promise<Sample> {
  const body = job.resolve
    ? { ...job.body, unit_id: `bench-user-${sent++ % job.units}` }
    : job.body;
  const started = performance.now();
  const res = await fetch(job.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...job.headers },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  const roundTrip = performance.now() - started;
  if (res.status !== 200) throw new Error(`${job.url} answered ${res.status}`);
  if (!job.resolve) return { roundTrip, total: NaN, db: NaN };
  const timing = res.headers.get("server-timing");
  return { roundTrip, total: serverTiming(timing, "total"), db: serverTiming(timing, "db") };
}

for (let i = 0; i < job.warmup; i++) await request();
const samples: Sample[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    for (let i = 0; i < job.requests / job.concurrency; i++) samples.push(await request());
  }),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ samples, seconds }));
