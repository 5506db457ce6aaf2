// `npm run bench:proxy`: how much the LLM gateway (llm-proxy) adds to a provider call.
//
// Starts local fake providers (tests/fakes/llm-providers.ts, each provider's real wire format),
// then the local stack with the functions pointed at them, stores Acme Commerce's provider keys
// encrypted as the provider-keys function would, and creates an org API key with the proxy scope.
// A client in a separate process then sends REQUESTS sequential requests for the QualifyLead
// capability through the gateway, each followed by the same provider's call straight to its fake
// (bench/proxy/client.ts). Gateway overhead = proxy round trip − direct round trip, per pair.
// Runs are recorded after each answer (waitUntil), so recording is not in the figures; the report
// checks every run arrived. Writes bench/results/proxy.json and bench/results/proxy.md.
import { randomBytes, webcrypto } from "node:crypto";
import { startFakeLlmProviders } from "../../tests/fakes/llm-providers";
import {
  createApiKey,
  describeMachine,
  machineMarkdown,
  runClient,
  startBenchStack,
  writeResults,
  type Machine,
} from "../lib/harness";
import { summarize, summaryTable, type Summary } from "../lib/timing";
import type { ProxyJob, ProxySample } from "./client";

const REQUESTS = 1000;
const WARMUP = 100;
const UNITS = 200;
const CAPABILITY = "QualifyLead";
const PROVIDERS = ["openai", "anthropic", "gemini"] as const;

/** The stored form _shared/crypto.ts writes: v1:<iv>:<ciphertext+tag>, bound to org:provider. */
async function encrypt(plaintext: string, secret: string, aad: string): Promise<string> {
  const key = await webcrypto.subtle.importKey(
    "raw",
    Buffer.from(secret, "base64"),
    "AES-GCM",
    false,
    ["encrypt"],
  );
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const sealed = await webcrypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: Buffer.from(aad) },
    key,
    Buffer.from(plaintext),
  );
  return `v1:${Buffer.from(iv).toString("base64")}:${Buffer.from(sealed).toString("base64")}`;
}

const fake = await startFakeLlmProviders();
const secret = randomBytes(32).toString("base64");
const { stack, sql, loadAtStart, stop } = await startBenchStack({
  functionSecrets: {
    PROVIDER_KEYS_SECRET: secret,
    OPENAI_BASE_URL: fake.baseUrls.openai,
    ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
    GEMINI_BASE_URL: fake.baseUrls.gemini,
  },
});

try {
  const [acme] = await sql<{ id: string }[]>`
    select id from public.organizations where slug = 'acme-commerce'`;
  for (const provider of PROVIDERS) {
    const ciphertext = await encrypt(fake.keys[provider], secret, `${acme!.id}:${provider}`);
    await sql`
      insert into public.provider_keys (organization_id, provider, ciphertext, last4)
      values (${acme!.id}, ${provider}, ${ciphertext}, ${fake.keys[provider].slice(-4)})`;
  }
  const key = await createApiKey(sql, "proxy benchmark", ["proxy"]);
  // The benchmark measures overhead, not the per-key rate limit (50 calls/s by default), which it
  // would exceed; the bucket is still checked and charged on every call.
  await sql`
    update public.organization_settings
    set proxy_rate_limit_per_second = 100000, proxy_rate_limit_burst = 1000000
    where organization_id = ${acme!.id}`;
  const messages = [{ role: "user", content: "Hi, do you ship to Paris?" }];
  const job: ProxyJob = {
    proxyUrl: `${stack.functionsUrl}/llm-proxy`,
    runtimeUrl: `${stack.edgeRuntimeUrl}/llm-proxy`,
    apiKey: key,
    body: { capability: CAPABILITY, messages },
    units: UNITS,
    direct: {
      openai: {
        url: `${fake.baseUrls.openai}/chat/completions`,
        headers: { authorization: `Bearer ${fake.keys.openai}` },
        body: { model: "gpt-4o-mini", messages },
      },
      anthropic: {
        url: `${fake.baseUrls.anthropic}/v1/messages`,
        headers: { "x-api-key": fake.keys.anthropic, "anthropic-version": "2023-06-01" },
        body: { model: "claude-3-5-haiku", max_tokens: 256, messages },
      },
      gemini: {
        url: `${fake.baseUrls.gemini}/v1beta/models/gemini-2.5-flash:generateContent`,
        headers: { "x-goog-api-key": fake.keys.gemini },
        body: { contents: [{ role: "user", parts: [{ text: messages[0]!.content }] }] },
      },
    },
    warmup: WARMUP,
    requests: REQUESTS,
  };
  const { samples } = await runClient<{ samples: ProxySample[] }>("bench/proxy/client.ts", job);

  // The SQL on its own: gateway_prepare called from this process over the same kind of connection
  // the function uses, for the same units.
  const sqlAlone: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await sql`select public.gateway_prepare(${key}, ${CAPABILITY}, ${`bench-proxy-${i % UNITS}`},
      null, null, ${sql.json({})}) as answer`;
    sqlAlone.push(performance.now() - started);
  }

  // Recording happens after each answer; give the last ones a moment, then check none was lost.
  const calls = 2 * (REQUESTS + WARMUP);
  let recorded = 0;
  for (let i = 0; i < 50 && recorded < calls; i++) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.llm_runs
      where organization_id = ${acme!.id} and idempotency_key like 'llm-proxy:%'`;
    recorded = row!.n;
    if (recorded < calls) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const byProvider = Object.fromEntries(
    PROVIDERS.map((p) => [p, samples.filter((s) => s.provider === p).length]),
  );
  const results = {
    date: new Date().toISOString(),
    machine: await describeMachine(sql, loadAtStart),
    setup: {
      requests: REQUESTS,
      warmup: WARMUP,
      distinct_units: UNITS,
      capability: CAPABILITY,
      served_by_provider: byProvider,
      proxy_path:
        "client process → local API gateway → Deno llm-proxy → (gateway_prepare straight to Postgres over SUPABASE_DB_URL) → fake provider, all on 127.0.0.1",
      runtime_path: "client process → Deno llm-proxy → … (the same, without the API gateway hop)",
      direct_path: "client process → fake provider on 127.0.0.1",
      calls,
      runs_recorded: recorded,
    },
    unit: "ms",
    proxy_round_trip: summarize(samples.map((s) => s.proxy)),
    direct_round_trip: summarize(samples.map((s) => s.direct)),
    overhead: summarize(samples.map((s) => s.proxy - s.direct)),
    runtime_round_trip: summarize(samples.map((s) => s.runtime)),
    function_overhead: summarize(samples.map((s) => s.runtime - s.direct)),
    function_before_provider_call: summarize(samples.map((s) => s.gateway)),
    gateway_prepare_rpc: summarize(samples.map((s) => s.db)),
    gateway_prepare_sql_alone: summarize(sqlAlone),
  };
  console.log(await writeResults("proxy", results, markdown(results)));
} finally {
  await stop();
  await fake.close();
}

function markdown(r: {
  date: string;
  machine: Machine;
  setup: {
    requests: number;
    warmup: number;
    distinct_units: number;
    served_by_provider: Record<string, number>;
    proxy_path: string;
    runtime_path: string;
    direct_path: string;
    calls: number;
    runs_recorded: number;
  };
  proxy_round_trip: Summary;
  direct_round_trip: Summary;
  overhead: Summary;
  runtime_round_trip: Summary;
  function_overhead: Summary;
  function_before_provider_call: Summary;
  gateway_prepare_rpc: Summary;
  gateway_prepare_sql_alone: Summary;
}): string {
  const served = Object.entries(r.setup.served_by_provider)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(", ");
  return `# LLM gateway (llm-proxy) benchmark

Measured by \`npm run bench:proxy\` (bench/proxy/index.ts) on ${r.date.slice(0, 10)}. Times in
milliseconds. ${r.setup.requests} sequential non-streaming requests after ${r.setup.warmup} warm-up
requests, over ${r.setup.distinct_units} distinct units of Acme Commerce's QualifyLead capability
(served by: ${served}). Each iteration sends the request through the local API gateway, then
straight to the Deno runtime, then the same provider's call straight to its local fake, so each
**overhead** is a per-iteration difference under the same load.

- **Through the gateway**: ${r.setup.proxy_path}.
- **Straight to the function**: ${r.setup.runtime_path}.
- **Direct**: ${r.setup.direct_path}.
- Every call's run was recorded after its answer went out: ${r.setup.runs_recorded} of
  ${r.setup.calls} runs were in llm_runs at the end.

${summaryTable([
  ["Round trip through the API gateway and llm-proxy", r.proxy_round_trip],
  ["Round trip straight to llm-proxy", r.runtime_round_trip],
  ["Round trip straight to the provider", r.direct_round_trip],
  ["**Overhead through the API gateway** (pairwise)", r.overhead],
  ["**Overhead of llm-proxy itself** (pairwise)", r.function_overhead],
  ["In the function before the provider call", r.function_before_provider_call],
  ["of which the gateway_prepare call", r.gateway_prepare_rpc],
  ["gateway_prepare alone, from the benchmark process", r.gateway_prepare_sql_alone],
])}

## Reading the numbers

llm-proxy's own work is one database round trip (\`gateway_prepare\`: the API key, the live
version and variant, the exposure, the encrypted provider key and the price, in one SQL function
call straight to Postgres over SUPABASE_DB_URL, not through PostgREST), decrypting the key, and
translating the provider's answer. The local API gateway is a Node stand-in for hosted
Supabase's; its hop is reported separately because its cost here says nothing about the hosted
one. Recording the run is not in any figure: it happens after the answer is sent. The fake
providers answer at once, so against a real provider (hundreds of milliseconds to seconds) the
overhead is a small fraction. Client, API gateway, Deno, Postgres and the fakes share this
machine's two cores, so these are figures for this machine only.

${machineMarkdown(r.machine)}`;
}
