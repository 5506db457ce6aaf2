/**
 * The gateway's request handling against the local provider fakes (tests/fakes/llm-providers.ts,
 * each provider's real wire format), with the two database calls replaced by in-memory stand-ins.
 * tests/integration/llm-proxy.test.ts runs the same code through the real stack.
 */
import assert from "node:assert/strict";
import {
  type FakeLlmProviders,
  startFakeLlmProviders,
} from "../../../tests/fakes/llm-providers.ts";
import { encryptSecret, generateSecret, type KeyRing } from "../_shared/crypto.ts";
import { defineFunction } from "../_shared/http.ts";
import { type RunEventInput, validateBatch } from "../_shared/ingest-events.ts";
import { DEFAULT_PRICES, findPrice } from "../_shared/pricing.ts";
import { SseParser } from "../_shared/providers/sse.ts";
import type { ProviderName } from "../_shared/providers/types.ts";
import { createGateway, type GatewayDeps, type Prepared, type PrepareResult } from "./gateway.ts";

const ORG = "0b6f3a4e-6d1c-4d38-9c4f-0d1e2f3a4b5c";
const API_KEY = "cw_0123456789ab_secret";
const MODELS: Record<ProviderName, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku",
  gemini: "gemini-2.5-flash",
};
const SECRET = generateSecret();
const RING: KeyRing = { current: "v1", secrets: { v1: SECRET } };

interface Harness {
  fake: FakeLlmProviders;
  call(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  /** Resolves once every background recording has settled. */
  recorded(): Promise<RunEventInput[]>;
  prepareCalls: number;
}

async function servedFor(
  fake: FakeLlmProviders,
  provider: ProviderName,
  overrides: Partial<Prepared> = {},
): Promise<Prepared> {
  return {
    status: "ok",
    prompt: "You help Ada with her order.",
    provider,
    model: MODELS[provider],
    config: {
      system_prompt: "Be brief.",
      temperature: 0.2,
      top_p: null,
      max_tokens: 64,
      stop_sequences: [],
      tools: [],
    },
    experiment_id: "5d1c0b7e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
    variant_id: "6e2d1c8f-2a3b-4c4d-9e5f-6a7b8c9d0e1f",
    variant_key: "treatment",
    version_id: "7f3e2d9a-3b4c-4d5e-8f6a-7b8c9d0e1f2a",
    organization_id: ORG,
    provider_key: {
      id: "8a4f3e0b-4c5d-4e6f-9a7b-8c9d0e1f2a3b",
      ciphertext: await encryptSecret(fake.keys[provider], RING, { aad: `${ORG}:${provider}` }),
    },
    price: findPrice(DEFAULT_PRICES, provider, MODELS[provider]) ?? null,
    ...overrides,
  };
}

async function withGateway(
  prepare: (fake: FakeLlmProviders) => PrepareResult | Promise<PrepareResult>,
  fn: (h: Harness) => Promise<void>,
  options: Partial<GatewayDeps> = {},
): Promise<void> {
  const fake = await startFakeLlmProviders();
  const pending: Promise<unknown>[] = [];
  const events: RunEventInput[] = [];
  const harness: Harness = {
    fake,
    prepareCalls: 0,
    async call(body, headers = { authorization: `Bearer ${API_KEY}` }) {
      return await fn$.fetch(
        new Request("http://localhost/llm-proxy", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        }),
      );
    },
    async recorded() {
      await Promise.all(pending);
      return events;
    },
  };
  const fn$ = defineFunction(
    createGateway({
      prepare: async (key) => {
        harness.prepareCalls++;
        assert.equal(key, API_KEY);
        return await prepare(fake);
      },
      record: (org, batch) => {
        assert.equal(org, ORG);
        events.push(...batch);
        return Promise.resolve();
      },
      keyRing: () => RING,
      baseUrl: (provider) => fake.baseUrls[provider],
      timeoutMs: 2_000,
      waitUntil: (promise) => pending.push(promise),
      recordRetryDelaysMs: [1, 1],
      ...options,
    }),
  );
  try {
    await fn(harness);
    await Promise.all(pending);
  } finally {
    await fake.close();
  }
}

const BODY = {
  capability: "Support",
  intent: "OrderStatus",
  unit_id: "visitor-1",
  variables: { name: "Ada" },
  messages: [{ role: "user", content: "Where is my kettle?" }],
  conversation_id: "conv-1",
};

/** Every recorded event must be one the ingest API would accept. */
function assertValidEvents(events: RunEventInput[]): void {
  const batch = validateBatch({ events }, new Date());
  assert.ok(batch.ok);
  for (const result of batch.results) assert.equal(result.status, "valid", JSON.stringify(result));
}

async function sse(res: Response): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const parser = new SseParser();
  const text = await res.text();
  return [...parser.push(text), ...parser.end()].map((e) => ({
    event: e.event,
    data: JSON.parse(e.data),
  }));
}

for (const provider of ["openai", "anthropic", "gemini"] as const) {
  Deno.test(`llm-proxy (${provider}): answers, sends the version's prompt and records the run`, async () => {
    await withGateway((fake) => servedFor(fake, provider), async (h) => {
      h.fake.enqueue(provider, {
        text: "On its way.",
        usage: { input: 1200, output: 4, cached: 1000 },
      });
      const res = await h.call(BODY);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.text, "On its way.");
      assert.deepEqual(body.usage, { input: 1200, output: 4, cached: 1000 });
      assert.equal(body.provider, provider);
      assert.equal(body.variant_id, "6e2d1c8f-2a3b-4c4d-9e5f-6a7b8c9d0e1f");
      assert.equal(res.headers.get("x-causeway-run-id"), body.run_id);
      const price = findPrice(DEFAULT_PRICES, provider, MODELS[provider])!;
      const expected = Math.round(
        (200 * price.input_per_mtok + 1000 * price.cached_input_per_mtok! +
          4 * price.output_per_mtok) / 1e6 * 1e10,
      ) / 1e10;
      assert.equal(body.cost_usd, expected);

      // What the provider received: system prompt + rendered prompt as the system instruction.
      const sent = h.fake.requests[0]!;
      const text = JSON.stringify(sent.body);
      assert.match(text, /Be brief\.\\n\\nYou help Ada with her order\./);
      assert.match(text, /Where is my kettle\?/);

      const [event] = await h.recorded();
      assert.ok(event);
      assertValidEvents([event]);
      assert.equal(event.idempotency_key, `llm-proxy:${body.run_id}`);
      assert.equal(event.run.id, body.run_id);
      assert.equal(event.run.status, "ok");
      assert.equal(event.run.is_manual, false);
      assert.equal(event.run.tokens_in, 1200);
      assert.equal(event.run.tokens_cached, 1000);
      assert.equal(event.run.cost_usd, expected);
      assert.equal(event.run.version_id, "7f3e2d9a-3b4c-4d5e-8f6a-7b8c9d0e1f2a");
      assert.equal(event.run.conversation_id, "conv-1");
      assert.equal(event.run.intent, "OrderStatus");
      assert.equal(event.run.question, "Where is my kettle?");
      assert.equal(event.run.response, "On its way.");
      assert.equal(typeof event.run.latency_ms, "number");
      assert.equal(event.run.time_to_first_token_ms, undefined);
    });
  });

  Deno.test(`llm-proxy (${provider}): streams server-sent events and records time to first token`, async () => {
    await withGateway((fake) => servedFor(fake, provider), async (h) => {
      h.fake.enqueue(provider, {
        chunks: ["Hel", "lo ", "Ada"],
        chunkDelayMs: 5,
        usage: { input: 20, output: 3 },
      });
      const res = await h.call({ ...BODY, stream: true });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
      const events = await sse(res);
      assert.deepEqual(
        events.filter((e) => e.event === "delta").map((e) => e.data.text),
        ["Hel", "lo ", "Ada"],
      );
      const done = events.at(-1)!;
      assert.equal(done.event, "done");
      assert.equal(typeof done.data.cost_usd, "number");
      assert.equal(done.data.version_id, "7f3e2d9a-3b4c-4d5e-8f6a-7b8c9d0e1f2a");
      assert.equal(h.fake.requests[0]!.stream, true);

      const [event] = await h.recorded();
      assertValidEvents([event!]);
      assert.equal(event!.run.id, done.data.run_id);
      assert.equal(event!.run.status, "ok");
      assert.equal(event!.run.response, "Hello Ada");
      assert.equal(event!.run.tokens_out, 3);
      assert.equal(typeof event!.run.time_to_first_token_ms, "number");
    });
  });

  Deno.test(`llm-proxy (${provider}): a provider 429 is a 429 with Retry-After and a failed run`, async () => {
    await withGateway((fake) => servedFor(fake, provider), async (h) => {
      h.fake.enqueue(provider, { error: 429, retryAfterSeconds: 7 });
      const res = await h.call(BODY);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get("retry-after"), "7");
      const body = await res.json();
      assert.equal(body.error.code, "rate_limited");
      assert.equal(body.error.details.provider, provider);
      assert.equal(body.error.details.retry_after_seconds, 7);
      const [event] = await h.recorded();
      assertValidEvents([event!]);
      assert.equal(event!.run.id, body.error.details.run_id);
      assert.equal(event!.run.status, "error");
      assert.equal(event!.run.error_type, "rate_limited");
      assert.match(event!.run.error_message!, /rate limit/);
    });
  });

  Deno.test(`llm-proxy (${provider}): a provider that does not answer in time is a 504 and a timed-out run`, async () => {
    await withGateway((fake) => servedFor(fake, provider), async (h) => {
      h.fake.enqueue(provider, { delayMs: 1_000 });
      const res = await h.call(BODY);
      assert.equal(res.status, 504);
      assert.equal((await res.json()).error.code, "timeout");
      const [event] = await h.recorded();
      assertValidEvents([event!]);
      assert.equal(event!.run.status, "timeout");
      assert.equal(event!.run.error_type, "timeout");
    }, { timeoutMs: 150 });
  });
}

Deno.test("llm-proxy: provider error bodies become clear errors, each recorded", async () => {
  const cases = [
    { provider: "openai", error: 400, status: 400, code: "invalid_request" },
    { provider: "anthropic", error: 529, status: 503, code: "overloaded" },
    { provider: "gemini", error: 500, status: 502, code: "provider_error" },
    { provider: "openai", error: 401, status: 401, code: "auth" },
  ] as const;
  for (const c of cases) {
    await withGateway((fake) => servedFor(fake, c.provider), async (h) => {
      h.fake.enqueue(c.provider, { error: c.error });
      const res = await h.call(BODY);
      assert.equal(res.status, c.status, `${c.provider} ${c.error}`);
      const body = await res.json();
      assert.equal(body.error.code, c.code);
      assert.equal(body.error.details.provider_status, c.error);
      const [event] = await h.recorded();
      assert.equal(event!.run.status, "error");
      assert.equal(event!.run.error_type, c.code);
      assert.equal(
        (event!.run.metadata as { gateway: { provider_status: number } }).gateway.provider_status,
        c.error,
      );
    });
  }
});

Deno.test("llm-proxy: a stream that fails midway ends with an error event; the partial text is recorded", async () => {
  await withGateway((fake) => servedFor(fake, "anthropic"), async (h) => {
    h.fake.enqueue("anthropic", { chunks: ["One ", "two ", "three"], streamErrorAfterChunks: 2 });
    const res = await h.call({ ...BODY, stream: true });
    assert.equal(res.status, 200);
    const events = await sse(res);
    const last = events.at(-1)!;
    assert.equal(last.event, "error");
    assert.equal(events.filter((e) => e.event === "done").length, 0);
    const [event] = await h.recorded();
    assertValidEvents([event!]);
    assert.equal(event!.run.status, "error");
    assert.equal(event!.run.response, "One two ");
  });
});

Deno.test("llm-proxy: the wrong stored key is the provider's auth error, never the key itself", async () => {
  await withGateway(async (fake) => {
    const served = await servedFor(fake, "openai");
    const wrong = "sk-wrong-key-000000000000000000000000zzzz";
    return {
      ...served,
      provider_key: {
        id: served.provider_key!.id,
        ciphertext: await encryptSecret(wrong, RING, { aad: `${ORG}:openai` }),
      },
    };
  }, async (h) => {
    const res = await h.call(BODY);
    assert.equal(res.status, 401);
    const text = await res.text();
    assert.match(text, /OpenAI rejected the organization's API key/);
    assert.doesNotMatch(text, /sk-wrong-key-000000000000000000000000zzzz/);
  });
});

Deno.test("llm-proxy: no messages sends the rendered prompt as the user message", async () => {
  await withGateway((fake) => servedFor(fake, "anthropic"), async (h) => {
    const res = await h.call({ capability: "Support", unit_id: "u" });
    assert.equal(res.status, 200);
    const sent = h.fake.requests[0]!.body as { system: string; messages: unknown[] };
    assert.equal(sent.system, "Be brief.");
    assert.deepEqual(sent.messages, [{ role: "user", content: "You help Ada with her order." }]);
    const [event] = await h.recorded();
    assert.equal(event!.run.question, "You help Ada with her order.");
  });
});

Deno.test("llm-proxy: refusals from serving are errors with no provider call", async () => {
  const cases: [PrepareResult, number, string][] = [
    [{ status: "invalid_api_key", message: "The API key is not valid." }, 401, "invalid_api_key"],
    [{ status: "missing_scope", message: "no proxy scope" }, 403, "missing_scope"],
    [{ status: "no_live_version", message: "Nothing is deployed" }, 404, "no_live_version"],
    [{ status: "invalid_variables", problems: ["name is not bound"] }, 422, "invalid_variables"],
  ];
  for (const [answer, status, code] of cases) {
    await withGateway(() => answer, async (h) => {
      const res = await h.call(BODY);
      assert.equal(res.status, status);
      const body = await res.json();
      assert.equal(body.error.code, code);
      if (code === "invalid_variables") {
        assert.deepEqual(body.error.details, [{ path: "variables", message: "name is not bound" }]);
      }
      assert.equal(h.fake.requests.length, 0);
      assert.deepEqual(await h.recorded(), []);
    });
  }
});

Deno.test("llm-proxy: the key's own rate limit is a 429 with Retry-After and the limit", async () => {
  const answer: PrepareResult = {
    status: "key_rate_limited",
    message: "This API key may make 50 gateway calls per second, in bursts of up to 200.",
    limit: { calls_per_second: 50, burst: 200 },
    retry_after_seconds: 2,
  };
  await withGateway(() => answer, async (h) => {
    const res = await h.call(BODY);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "2");
    const body = await res.json();
    assert.equal(body.error.code, "key_rate_limited");
    assert.match(body.error.message, /50 gateway calls per second/);
    assert.deepEqual(body.error.details, {
      limit: { calls_per_second: 50, burst: 200 },
      retry_after_seconds: 2,
    });
    assert.equal(h.fake.requests.length, 0);
    assert.deepEqual(await h.recorded(), []);
  });
});

Deno.test("llm-proxy: no stored key for the provider is a 409 and a failed run", async () => {
  await withGateway((fake) => servedFor(fake, "gemini", { provider_key: null }), async (h) => {
    const res = await h.call(BODY);
    assert.equal(res.status, 409);
    const body = await res.json();
    assert.equal(body.error.code, "no_provider_key");
    assert.equal(h.fake.requests.length, 0);
    const [event] = await h.recorded();
    assertValidEvents([event!]);
    assert.equal(event!.run.error_type, "no_provider_key");
    assert.equal(event!.run.id, body.error.details.run_id);
  });
});

Deno.test("llm-proxy: a key encrypted for another organization does not decrypt (500, recorded)", async () => {
  await withGateway(async (fake) => {
    const served = await servedFor(fake, "openai");
    return {
      ...served,
      provider_key: {
        id: served.provider_key!.id,
        ciphertext: await encryptSecret(fake.keys.openai, RING, { aad: `other-org:openai` }),
      },
    };
  }, async (h) => {
    const res = await h.call(BODY);
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error.code, "server_misconfigured");
    assert.equal(h.fake.requests.length, 0);
    assert.equal((await h.recorded())[0]!.run.error_type, "server_misconfigured");
  });
});

Deno.test("llm-proxy: bad requests are refused before serving", async () => {
  await withGateway((fake) => servedFor(fake, "openai"), async (h) => {
    let res = await h.call(BODY, {});
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "missing_api_key");
    res = await h.call({ ...BODY, messages: [{ role: "assistant", content: "Hi" }] });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).error.details, [
      { path: "messages", message: "must end with a user message" },
    ]);
    res = await h.call({ ...BODY, capability: "not a key" });
    assert.equal(res.status, 422);
    res = await h.call({ ...BODY, model: "gpt-4o" });
    assert.equal(res.status, 422);
    assert.equal(h.prepareCalls, 0);
  });
});

Deno.test("llm-proxy: recording retries with the same idempotency key until it succeeds", async () => {
  const attempts: string[] = [];
  await withGateway((fake) => servedFor(fake, "openai"), async (h) => {
    const res = await h.call(BODY);
    assert.equal(res.status, 200);
    await res.body?.cancel();
  }, {
    record: (_org, events) => {
      attempts.push(events[0]!.idempotency_key);
      return attempts.length < 3 ? Promise.reject(new Error("db down")) : Promise.resolve();
    },
  });
  assert.equal(attempts.length, 3);
  assert.equal(new Set(attempts).size, 1);
});
