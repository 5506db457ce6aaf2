// The load generator for bench/proxy/index.ts, in its own process. Each iteration sends one
// request through the API gateway to llm-proxy, the same request straight to the Deno runtime, and
// then the same provider's call straight to the local fake provider, so every proxy sample has a
// direct sample taken moments later under the same load. Reads its job as JSON from argv[2]; prints the samples as JSON on stdout.
import { serverTiming } from "../lib/timing";

export interface ProxyJob {
  proxyUrl: string;
  /** The same function on the Deno runtime, without the local API gateway in front. */
  runtimeUrl: string;
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
  /** Through the API gateway and llm-proxy, ms. */
  proxy: number;
  /** Straight to llm-proxy on the Deno runtime, ms. */
  runtime: number;
  /** Straight to the fake provider, ms. */
  direct: number;
  /** Server-Timing `db`: the gateway_prepare call, ms. */
  db: number;
  /** Server-Timing `gateway`: everything before the provider call (db included), ms. */
  gateway: number;
}

const job = JSON.parse(process.argv[2]!) as ProxyJob;

async function callProxy(url: string, n: number) {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${job.apiKey}` },
    body: JSON.stringify({ ...job.body, unit_id: `bench-proxy-${n % job.units}` }),
  });
  const answer = (await res.json()) as { provider?: string };
  const ms = performance.now() - started;
  if (res.status !== 200)
    throw new Error(`llm-proxy answered ${res.status}: ${JSON.stringify(answer)}`);
  return { ms, provider: answer.provider!, timing: res.headers.get("server-timing") };
}

async function iteration(n: number): Promise<ProxySample> {
  const { ms: proxy, provider, timing } = await callProxy(job.proxyUrl, n);
  const { ms: runtime } = await callProxy(job.runtimeUrl, n);
  const target = job.direct[provider]!;
  const started = performance.now();
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
    runtime,
    direct,
    db: serverTiming(timing, "db"),
    gateway: serverTiming(timing, "gateway"),
  };
}

for (let i = 0; i < job.warmup; i++) await iteration(i);
const samples: ProxySample[] = [];
for (let i = 0; i < job.requests; i++) samples.push(await iteration(job.warmup + i));
process.stdout.write(JSON.stringify({ samples }));
