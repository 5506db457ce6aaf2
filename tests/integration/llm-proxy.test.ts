import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseParser } from "../../supabase/functions/_shared/providers/sse";
import { adminSql } from "./support/db";
import {
  activeExperiment,
  createApiKey,
  createTestOrg,
  signIn,
  type ServingSetup,
  type TestOrg,
  type VariantKey,
} from "./support/experiments";
import {
  eventually,
  providerKeys,
  startGatewayRuntime,
  type GatewayRuntime,
} from "./support/gateway-runtime";

// The LLM gateway through the real stack: an org API key with the proxy scope, gateway_prepare
// (serving, assignment, exposure, the stored provider key and price), the provider fakes in each
// provider's wire format, and the run recorded in llm_runs after the answer.

let org: TestOrg;
let runtime: GatewayRuntime;
let setup: ServingSetup;
let proxyKey: string;
let resolveKey: string;
/** A unit assigned to each variant (control: OpenAI gpt-4o-mini, treatment: Anthropic). */
const units = {} as Record<VariantKey, string>;

interface RunRow {
  id: string;
  status: string;
  provider: string;
  model: string;
  capability: string;
  experiment_id: string | null;
  variant_id: string | null;
  version_id: string | null;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  cost_usd: string | null;
  latency_ms: string | null;
  ttft_ms: string | null;
  error_type: string | null;
  error_message: string | null;
  is_manual: boolean;
  question: string | null;
  response: string | null;
}

const recordedRun = (id: string) =>
  eventually(async () => {
    const [row] = await adminSql<RunRow[]>`select * from public.llm_runs where id = ${id}`;
    return row;
  });

async function proxy(body: Record<string, unknown>, key = proxyKey): Promise<Response> {
  return fetch(`${runtime.functionsUrl}/llm-proxy`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ capability: setup.capabilityKey, ...body }),
  });
}

beforeAll(async () => {
  org = await createTestOrg("llm-proxy");
  runtime = await startGatewayRuntime({ timeoutMs: 500 });
  setup = await activeExperiment(org, { capabilityKey: "ProxyChat" });
  proxyKey = (await createApiKey(org, ["proxy"])).secret;
  resolveKey = (await createApiKey(org, ["resolve"])).secret;
  for (let i = 0; !units.control || !units.treatment; i++) {
    const unit = `visitor-${i}`;
    const [row] = await adminSql<{ variant: string }[]>`
      select private.assign_variant(${setup.experiment}, ${unit}) as variant`;
    const key = row!.variant === setup.variants.control ? "control" : "treatment";
    units[key] ??= unit;
  }
  const engineer = await signIn(org.users.engineer);
  const token = (await engineer.auth.getSession()).data.session!.access_token;
  for (const provider of ["openai", "anthropic"] as const) {
    const added = await providerKeys(runtime, token, {
      action: "add",
      organization_id: org.orgId,
      provider,
      key: runtime.fake.keys[provider],
    });
    expect(added.status).toBe(201);
  }
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
  await org?.delete();
  await adminSql.end();
});

describe("llm-proxy", () => {
  it("serves the unit's variant with the stored key, answers, and records the run with its cost", async () => {
    runtime.fake.reset();
    runtime.fake.enqueue("openai", {
      text: "Your kettle ships today.",
      usage: { input: 1240, output: 11, cached: 1024 },
    });
    const res = await proxy({
      unit_id: units.control,
      messages: [{ role: "user", content: "Where is my kettle?" }],
      conversation_id: "conv-42",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      text: "Your kettle ships today.",
      usage: { input: 1240, output: 11, cached: 1024 },
      cost_usd: 0.0001158,
      provider: "openai",
      experiment_id: setup.experiment,
      variant_id: setup.variants.control,
      version_id: setup.versions.control,
    });
    expect(runtime.fake.requests[0]!.headers.authorization).toBe(
      `Bearer ${runtime.fake.keys.openai}`,
    );
    expect(runtime.fake.requests[0]!.body).toMatchObject({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Prompt A" },
        { role: "user", content: "Where is my kettle?" },
      ],
    });

    const run = await recordedRun(body.run_id as string);
    expect(run).toMatchObject({
      status: "ok",
      provider: "openai",
      model: "gpt-4o-mini",
      capability: "ProxyChat",
      experiment_id: setup.experiment,
      variant_id: setup.variants.control,
      version_id: setup.versions.control,
      tokens_in: 1240,
      tokens_out: 11,
      tokens_cached: 1024,
      is_manual: false,
      question: "Where is my kettle?",
      response: "Your kettle ships today.",
    });
    expect(Number(run.cost_usd)).toBe(0.0001158);
    expect(Number(run.latency_ms)).toBeGreaterThanOrEqual(0);
    const [exposure] = await adminSql`
      select variant_id from public.exposures
      where experiment_id = ${setup.experiment} and unit_id = ${units.control}`;
    expect(exposure).toEqual({ variant_id: setup.variants.control });
  });

  it("streams the answer as server-sent events and records time to first token", async () => {
    runtime.fake.reset();
    runtime.fake.enqueue("anthropic", {
      chunks: ["Hello ", "from ", "B"],
      chunkDelayMs: 10,
      usage: { input: 30, output: 3 },
    });
    const res = await proxy({ unit_id: units.treatment, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const parser = new SseParser();
    const events = [...parser.push(await res.text()), ...parser.end()].map((e) => ({
      event: e.event,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));
    expect(events.filter((e) => e.event === "delta").map((e) => e.data.text)).toEqual([
      "Hello ",
      "from ",
      "B",
    ]);
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    expect(done.data).toMatchObject({ variant_id: setup.variants.treatment });
    expect(runtime.fake.requests[0]!.body).toMatchObject({
      model: "claude-3-5-haiku",
      messages: [{ role: "user", content: "Prompt B" }],
      stream: true,
    });

    const run = await recordedRun(done.data.run_id as string);
    expect(run).toMatchObject({
      status: "ok",
      provider: "anthropic",
      response: "Hello from B",
      tokens_out: 3,
    });
    expect(Number(run.ttft_ms)).toBeGreaterThan(0);
    expect(Number(run.cost_usd)).toBeGreaterThan(0);
  });

  it("passes a provider 429 on with Retry-After and records a failed run", async () => {
    runtime.fake.enqueue("openai", { error: 429, retryAfterSeconds: 12 });
    const res = await proxy({ unit_id: units.control });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("12");
    const body = (await res.json()) as { error: { code: string; details: { run_id: string } } };
    expect(body.error.code).toBe("rate_limited");
    const run = await recordedRun(body.error.details.run_id);
    expect(run).toMatchObject({ status: "error", error_type: "rate_limited", provider: "openai" });
    expect(run.error_message).toMatch(/^OpenAI rate limit exceeded/);
  });

  it("turns a provider that does not answer in time into a 504 and a timed-out run", async () => {
    runtime.fake.enqueue("anthropic", { delayMs: 2_000 });
    const res = await proxy({ unit_id: units.treatment });
    expect(res.status).toBe(504);
    const body = (await res.json()) as { error: { code: string; details: { run_id: string } } };
    expect(body.error.code).toBe("timeout");
    const run = await recordedRun(body.error.details.run_id);
    expect(run).toMatchObject({ status: "timeout", error_type: "timeout" });
  });

  it("limits each proxy key's calls: over the burst is a 429 with Retry-After, before serving", async () => {
    const limited = (await createApiKey(org, ["proxy"])).secret;
    await adminSql`
      update public.organization_settings
      set proxy_rate_limit_per_second = 1, proxy_rate_limit_burst = 2
      where organization_id = ${org.orgId}`;
    try {
      const unit = "rate-limited-visitor";
      for (let i = 0; i < 2; i++) runtime.fake.enqueue("openai", { text: "ok" });
      // Three at once: the row lock makes them take turns, so exactly two tokens are spent.
      const answers = await Promise.all(
        [0, 1, 2].map(() => proxy({ unit_id: unit }, limited).then(async (res) => res)),
      );
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses.filter((status) => status === 429)).toHaveLength(1);
      const refused = answers.find((res) => res.status === 429)!;
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await refused.json()) as {
        error: { code: string; message: string; details: { limit: unknown } };
      };
      expect(body.error.code).toBe("key_rate_limited");
      expect(body.error.message).toMatch(/1 gateway calls per second, in bursts of up to 2/);
      expect(body.error.details.limit).toEqual({ calls_per_second: 1, burst: 2 });
      // The other key of the organization has its own bucket.
      runtime.fake.enqueue("openai", { text: "ok" });
      expect((await proxy({ unit_id: unit })).status).not.toBe(429);
    } finally {
      await adminSql`
        update public.organization_settings
        set proxy_rate_limit_per_second = 50, proxy_rate_limit_burst = 200
        where organization_id = ${org.orgId}`;
    }
  });

  it("refuses keys without the proxy scope, unknown capabilities and missing provider keys", async () => {
    let res = await proxy({ unit_id: units.control }, resolveKey);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("missing_scope");

    res = await proxy({ capability: "NoSuchThing", unit_id: units.control });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_scope");

    await adminSql`
      update public.provider_keys set revoked_at = now(), ciphertext = null
      where organization_id = ${org.orgId} and provider = 'anthropic'`;
    res = await proxy({ unit_id: units.treatment });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { run_id: string } } };
    expect(body.error.code).toBe("no_provider_key");
    const run = await recordedRun(body.error.details.run_id);
    expect(run).toMatchObject({ status: "error", error_type: "no_provider_key" });
  });
});
