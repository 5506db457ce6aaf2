// The load generator for bench/ingest/index.ts, run in its own process so the client does not
// share an event loop with the local stack it measures. Reads its job as JSON from argv[2];
// builds every batch body before the clock starts, sends them from `concurrency` clients, checks
// every result, and prints a summary as JSON on stdout.
import { runEvent } from "./events";

export interface IngestJob {
  url: string;
  apiKey: string;
  series: number;
  events: number;
  batchSize: number;
  concurrency: number;
}

export interface IngestRun {
  seconds: number;
  requests: number;
  accepted: number;
  /** Results that were not `accepted` (duplicate or rejected), with the first few reasons. */
  notAccepted: number;
  problems: string[];
}

const job = JSON.parse(process.argv[2]!) as IngestJob;
const now = Date.now();
const bodies: string[] = [];
for (let start = 0; start < job.events; start += job.batchSize) {
  const events = [];
  for (let i = start; i < Math.min(job.events, start + job.batchSize); i++) {
    events.push(runEvent(job.series, i, now));
  }
  bodies.push(JSON.stringify({ events }));
}

let next = 0;
let accepted = 0;
let notAccepted = 0;
const problems: string[] = [];

async function send(body: string): Promise<void> {
  const res = await fetch(job.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${job.apiKey}` },
    body,
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${job.url} answered ${res.status}: ${text.slice(0, 500)}`);
  const { results } = JSON.parse(text) as { results: { status: string }[] };
  for (const result of results) {
    if (result.status === "accepted") accepted++;
    else {
      notAccepted++;
      if (problems.length < 5) problems.push(JSON.stringify(result));
    }
  }
}

const started = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (next < bodies.length) await send(bodies[next++]!);
  }),
);
const seconds = (performance.now() - started) / 1000;
const run: IngestRun = { seconds, requests: bodies.length, accepted, notAccepted, problems };
process.stdout.write(JSON.stringify(run));
