// The load generator for bench/proxy/index.ts, in its own process. Each iteration sends one
// request through the gateway (llm-proxy) and then the same provider's call straight to the local
// fake provider, so every proxy sample has a direct sample taken moments later under the same
// load. Reads its job as JSON from argv[2]; prints the samples as JSON on stdout.
import { serverTiming } from "../lib/timing";

export interface ProxyJob {
  proxyUrl: string;
  apiKey: string;
  body: Record<string, unknown>;
  units: number;
  /** Where each provider's fake answers, with the key it accepts. */
  direct: Record<string, { url: string; headers: Record<string, string>; body: unknown }>;
  warmup: number;
  requests: number;
}

export interface ProxySample {
  provider: string;
  /** Through llm-proxy, ms. */
  proxy: number;
  /** Straight to the fake provider, ms. */
  direct: number;
  /** Server-Timing `db`: gateway_prepare through PostgREST, ms. */
  db: number;
  /** Server-Timing `gateway`: everything before the provider call (db included), ms. */
  gateway: number;
}

const job = JSON.parse(process.argv[2]!) as ProxyJob;

async function iteration(n: number): Promise<ProxySample> {
  let started = performance.now();
  const res = await fetch(job.proxyUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${job.apiKey}` },
    body: JSON.stringify({ ...job.body, unit_id: `bench-proxy-${n % job.units}` }),
  });
  const answer = (await res.json()) as { provider?: string };
  const proxy = performance.now() - started;
  if (res.status !== 200)
    throw new Error(`llm-proxy answered ${res.status}: ${JSON.stringify(answer)}`);
  const timing = res.headers.get("server-timing");
  const provider = answer.provider!;
  const target = job.direct[provider]!;
  started = performance.now();
  const direct$ = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
    body: JSON.stringify(target.body),
  });
  await direct$.arrayBuffer();
  const direct = performance.now() - started;
  if (direct$.status !== 200) throw new Error(`the ${provider} fake answered ${direct$.status}`);
  return {
    provider,
    proxy,
    direct,
    db: serverTiming(timing, "db"),
    gateway: serverTiming(timing, "gateway"),
  };
}

for (let i = 0; i < job.warmup; i++) await iteration(i);
const samples: ProxySample[] = [];
for (let i = 0; i < job.requests; i++) samples.push(await iteration(job.warmup + i));
process.stdout.write(JSON.stringify({ samples }));
