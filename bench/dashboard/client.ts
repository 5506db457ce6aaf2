// The load generator for bench/dashboard/index.ts, in its own process so it does not share an
// event loop with the local stack it measures. Each "load" is what the Overview sends for one
// range: metric_summary (KPI values) and metric_series (their sparklines), in parallel, as a
// signed-in member through the API. Reads its job as JSON from argv[2]; prints samples on stdout.
export interface ClientJob {
  restUrl: string;
  headers: Record<string, string>;
  summary: Record<string, unknown>;
  series: Record<string, unknown>;
  warmup: number;
  loads: number;
  concurrency: number;
}

export interface Sample {
  /** Both calls, as the page waits for them, ms. */
  load: number;
  summary: number;
  series: number;
}

const job = JSON.parse(process.argv[2]!) as ClientJob;

async function call(fn: string, args: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${job.restUrl}/rpc/${fn}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...job.headers },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${fn} answered ${res.status}: ${text}`);
  return performance.now() - started;
}

async function load(): Promise<Sample> {
  const started = performance.now();
  const [summary, series] = await Promise.all([
    call("metric_summary", job.summary),
    call("metric_series", job.series),
  ]);
  return { load: performance.now() - started, summary, series };
}

for (let i = 0; i < job.warmup; i++) await load();
const samples: Sample[] = [];
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    for (let i = 0; i < Math.ceil(job.loads / job.concurrency); i++) samples.push(await load());
  }),
);
process.stdout.write(JSON.stringify({ samples }));
