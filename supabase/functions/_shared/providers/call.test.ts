/**
 * callProvider end to end, against the local fakes that speak each provider's wire format
 * (tests/fakes/llm-providers.ts): the production code path with only the base URL changed.
 */
import assert from "node:assert/strict";
import {
  type FakeLlmProviders,
  type FakeProvider,
  startFakeLlmProviders,
} from "../../../../tests/fakes/llm-providers.ts";
import { callProvider, type CallResult, type StreamOutcome } from "./call.ts";
import { toHttpError } from "./errors.ts";
import { buildRequest } from "./registry.ts";
import { encodeSseStream } from "./sse.ts";
import type { ChatRequest, GatewayEvent, ProviderName } from "./types.ts";
import { WEATHER_TOOL } from "./testing.ts";

const MODELS: Record<ProviderName, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-sonnet-4-20250514",
  gemini: "gemini-2.5-flash",
};
const PROVIDERS = Object.keys(MODELS) as ProviderName[];

function request(provider: ProviderName, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    provider,
    model: MODELS[provider],
    system: "Be brief.",
    messages: [{ role: "user", content: "Say hello" }],
    params: { temperature: 0, max_tokens: 64 },
    stream: false,
    ...overrides,
  };
}

async function withFake(fn: (fake: FakeLlmProviders) => Promise<void>): Promise<void> {
  const fake = await startFakeLlmProviders();
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

function call(
  fake: FakeLlmProviders,
  req: ChatRequest,
  options: { apiKey?: string; timeoutMs?: number; idleTimeoutMs?: number; signal?: AbortSignal } =
    {},
): Promise<CallResult> {
  return callProvider(req, {
    apiKey: options.apiKey ?? fake.keys[req.provider as FakeProvider],
    baseUrl: fake.baseUrls[req.provider as FakeProvider],
    timeoutMs: options.timeoutMs ?? 5_000,
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
  });
}

function expectResponse(result: CallResult) {
  assert.ok(result.ok && "response" in result, JSON.stringify(result));
  return result;
}

function expectStream(result: CallResult) {
  assert.ok(result.ok && "stream" in result, JSON.stringify(result));
  return result;
}

function expectError(result: CallResult) {
  assert.ok(!result.ok, "expected an error");
  return result.error;
}

async function waitFor(condition: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readAll(stream: ReadableStream<GatewayEvent>): Promise<GatewayEvent[]> {
  return await Array.fromAsync(stream);
}

for (const provider of PROVIDERS) {
  Deno.test(`call/${provider}: non-streaming reply, usage and the exact request received`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, {
        text: "Hello, world.",
        usage: { input: 40, output: 4, cached: 32 },
      });
      const req = request(provider);
      const result = expectResponse(await call(fake, req));
      assert.equal(result.response.text, "Hello, world.");
      assert.equal(result.response.finish_reason, "stop");
      assert.deepEqual(result.response.usage, { input: 40, output: 4, cached: 32 });
      assert.deepEqual(result.response.tool_calls, []);
      assert.equal(result.timings.ttft_ms, null);
      assert.ok(result.timings.headers_ms !== null);
      assert.ok(result.timings.headers_ms <= result.timings.latency_ms);

      assert.equal(fake.requests.length, 1);
      const received = fake.requests[0]!;
      assert.equal(received.stream, false);
      const sent = buildRequest(req, { apiKey: "k", baseUrl: fake.baseUrls[provider] });
      assert.equal(
        received.path + (received.query ? `?${received.query}` : ""),
        new URL(sent.url).pathname + new URL(sent.url).search,
      );
      assert.deepEqual(received.body, await sent.json());
    });
  });

  Deno.test(`call/${provider}: streaming passes deltas through and measures usage, ttft and latency`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, {
        chunks: ["Hel", "lo, ", "world."],
        chunkDelayMs: 150,
        usage: { input: 21, output: 3 },
      });
      const result = expectStream(await call(fake, request(provider, { stream: true })));
      const sse = await new Response(encodeSseStream(result.stream)).text();
      const outcome = await result.outcome;

      assert.equal(outcome.status, "ok");
      const ttft = outcome.timings.ttft_ms;
      const latency = outcome.timings.latency_ms;
      assert.ok(ttft !== null && ttft > 0, `ttft ${ttft}`);
      // The fake waits 2 × 150 ms after the first chunk: the stream cannot end sooner. TTFT is
      // taken at the first chunk, well before the end (half the gaps of margin, for busy CI).
      assert.ok(latency >= 300, `latency ${latency}`);
      assert.ok(latency - ttft >= 150, `first token at ${ttft} ms, end at ${latency} ms`);
      assert.equal(
        sse,
        'event: delta\ndata: {"text":"Hel"}\n\n' +
          'event: delta\ndata: {"text":"lo, "}\n\n' +
          'event: delta\ndata: {"text":"world."}\n\n' +
          'event: done\ndata: {"usage":{"input":21,"output":3,"cached":0},"finish_reason":"stop",' +
          `"latency_ms":${latency},"ttft_ms":${ttft}}\n\n`,
      );
      assert.equal(outcome.text, "Hello, world.");
      assert.deepEqual(outcome.usage, { input: 21, output: 3, cached: 0 });
      assert.equal(outcome.finish_reason, "stop");
      assert.equal(fake.requests[0]?.stream, true);
      if (provider === "gemini") assert.equal(fake.requests[0]?.query, "alt=sse");
    });
  });

  Deno.test(`call/${provider}: streamed tool calls arrive as tool_call events before done`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, {
        toolCalls: [{
          id: "call_w1",
          name: "get_weather",
          arguments: { city: "Paris", unit: "C" },
        }],
      });
      const req = request(provider, { stream: true, params: { tools: [WEATHER_TOOL] } });
      const result = expectStream(await call(fake, req));
      const events = await readAll(result.stream);
      assert.deepEqual(events.map((e) => e.event), ["tool_call", "done"]);
      const [toolCall, done] = events;
      assert.equal(toolCall?.event, "tool_call");
      if (toolCall?.event === "tool_call") {
        assert.equal(toolCall.data.name, "get_weather");
        assert.deepEqual(toolCall.data.arguments, { city: "Paris", unit: "C" });
        if (provider !== "gemini") assert.equal(toolCall.data.id, "call_w1");
      }
      assert.equal(done?.event === "done" && done.data.finish_reason, "tool_calls");
      assert.ok(
        (await result.outcome).timings.ttft_ms !== null,
        "a tool call counts as first output",
      );
    });
  });

  Deno.test(`call/${provider}: a wrong key is auth/401 naming the provider, never echoing the key`, async () => {
    await withFake(async (fake) => {
      const wrong = "sk-wrong-key-that-leaks-0000";
      for (const stream of [false, true]) {
        const error = expectError(
          await call(fake, request(provider, { stream }), { apiKey: wrong }),
        );
        assert.equal(error.kind, "auth");
        assert.equal(error.status, 401);
        assert.match(
          error.message,
          /^(OpenAI|Anthropic|Gemini) rejected the organization's API key: /,
        );
        assert.ok(!error.message.includes(wrong));
      }
    });
  });

  Deno.test(`call/${provider}: 429 is rate_limited with the provider's retry hint carried`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, { error: 429, retryAfterSeconds: 7 });
      const error = expectError(await call(fake, request(provider)));
      assert.equal(error.kind, "rate_limited");
      assert.equal(error.status, 429);
      assert.equal(error.provider_status, 429);
      assert.equal(error.retry_after_seconds, 7);
      const http = toHttpError(error);
      assert.equal(new Headers(http.headers).get("retry-after"), "7");
    });
  });

  Deno.test(`call/${provider}: 500 is provider_error/502; overload is overloaded/503`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, { error: 500 }, { error: provider === "anthropic" ? 529 : 503 });
      const failed = expectError(await call(fake, request(provider)));
      assert.equal(failed.kind, "provider_error");
      assert.equal(failed.status, 502);
      assert.equal(failed.provider_status, 500);
      const overloaded = expectError(await call(fake, request(provider, { stream: true })));
      assert.equal(overloaded.kind, "overloaded");
      assert.equal(overloaded.status, 503);
    });
  });

  Deno.test(`call/${provider}: no answer within timeoutMs is timeout/504, promptly`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, { delayMs: 3_000 });
      const started = performance.now();
      const error = expectError(await call(fake, request(provider), { timeoutMs: 150 }));
      const took = performance.now() - started;
      assert.equal(error.kind, "timeout");
      assert.equal(error.status, 504);
      assert.match(error.message, /timed out: no response within 150 ms/);
      assert.ok(took < 1_500, `took ${took} ms`);
      await waitFor(() => fake.requests[0]?.aborted === true, "the request was aborted");
    });
  });

  Deno.test(`call/${provider}: a stream cut off mid-way ends with an error event`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, { chunks: ["one ", "two ", "three"], dropAfterChunks: 1 });
      const result = expectStream(await call(fake, request(provider, { stream: true })));
      const events = await readAll(result.stream);
      assert.deepEqual(events.map((e) => e.event), ["delta", "error"]);
      const last = events[1];
      assert.equal(last?.event === "error" && last.data.code, "provider_error");
      assert.equal(last?.event === "error" && last.data.status, 502);
      assert.match(
        last?.event === "error" ? last.data.message : "",
        /^The (OpenAI|Anthropic|Gemini) response was interrupted: /,
      );
      const outcome = await result.outcome;
      assert.equal(outcome.status, "error");
      assert.equal(outcome.text, "one ");
    });
  });

  Deno.test(`call/${provider}: a stream that ends without its final events is an error`, async () => {
    await withFake(async (fake) => {
      fake.enqueue(provider, { chunks: ["one ", "two ", "three"], endAfterChunks: 2 });
      const result = expectStream(await call(fake, request(provider, { stream: true })));
      const events = await readAll(result.stream);
      assert.deepEqual(events.map((e) => e.event), ["delta", "delta", "error"]);
      const last = events[2];
      assert.equal(last?.event === "error" && last.data.code, "provider_error");
      assert.match(
        last?.event === "error" ? last.data.message : "",
        /sent an unexpected response: the stream ended before the response was complete/,
      );
      assert.equal((await result.outcome).text, "one two ");
    });
  });
}

Deno.test("call: a stalled stream hits the idle timeout: partial text, then a timeout event", async () => {
  await withFake(async (fake) => {
    fake.enqueue("openai", { chunks: ["fast ", "slow"], chunkDelayMs: 2_000 });
    const result = expectStream(
      await call(fake, request("openai", { stream: true }), {
        timeoutMs: 5_000,
        idleTimeoutMs: 150,
      }),
    );
    const events = await readAll(result.stream);
    assert.deepEqual(events, [
      { event: "delta", data: { text: "fast " } },
      {
        event: "error",
        data: {
          code: "timeout",
          message: "OpenAI timed out: no stream data within 150 ms",
          status: 504,
        },
      },
    ]);
    const outcome = await result.outcome;
    assert.equal(outcome.status, "timeout");
    assert.equal(outcome.text, "fast ");
    assert.ok(outcome.timings.latency_ms < 1_500);
  });
});

Deno.test("call: a long stream that keeps flowing is not cut by timeoutMs", async () => {
  await withFake(async (fake) => {
    // 6 chunks 150 ms apart: 750 ms in all, more than timeoutMs; each gap far under the idle one.
    fake.enqueue("anthropic", { chunks: ["a", "b", "c", "d", "e", "f"], chunkDelayMs: 150 });
    const result = expectStream(
      await call(fake, request("anthropic", { stream: true }), {
        timeoutMs: 500,
        idleTimeoutMs: 1_000,
      }),
    );
    const events = await readAll(result.stream);
    assert.equal(events.at(-1)?.event, "done", JSON.stringify(events.at(-1)));
    const outcome = await result.outcome;
    assert.equal(outcome.text, "abcdef");
    assert.ok(outcome.timings.latency_ms >= 750, `latency ${outcome.timings.latency_ms}`);
  });
});

Deno.test("call: provider error events inside a stream become error events", async () => {
  await withFake(async (fake) => {
    const expected: Record<ProviderName, [string, number]> = {
      anthropic: ["overloaded", 503],
      openai: ["provider_error", 502],
      gemini: ["provider_error", 502],
    };
    for (const provider of PROVIDERS) {
      fake.enqueue(provider, { chunks: ["Hi ", "there"], streamErrorAfterChunks: 1 });
      const result = expectStream(await call(fake, request(provider, { stream: true })));
      const events = await readAll(result.stream);
      assert.deepEqual(events.map((e) => e.event), ["delta", "error"], provider);
      const error = events[1];
      assert.equal(error?.event === "error" && error.data.code, expected[provider][0], provider);
      assert.equal(error?.event === "error" && error.data.status, expected[provider][1], provider);
      const outcome: StreamOutcome = await result.outcome;
      assert.equal(outcome.status, "error");
      assert.equal(outcome.error?.kind, expected[provider][0]);
    }
  });
});

Deno.test("call: cancelling the stream aborts the provider call; the outcome is cancelled", async () => {
  await withFake(async (fake) => {
    fake.enqueue("gemini", { chunks: ["a", "b", "c"], chunkDelayMs: 1_000 });
    const result = expectStream(await call(fake, request("gemini", { stream: true })));
    const reader = result.stream.getReader();
    assert.deepEqual(await reader.read(), {
      done: false,
      value: { event: "delta", data: { text: "a" } },
    });
    const started = performance.now();
    await reader.cancel("client went away");
    const outcome = await result.outcome;
    assert.equal(outcome.status, "cancelled");
    assert.equal(outcome.error?.kind, "cancelled");
    assert.equal(outcome.text, "a");
    assert.ok(performance.now() - started < 500);
    await waitFor(() => fake.requests[0]?.aborted === true, "the fake saw the request aborted");
  });
});

Deno.test("call: a client disconnecting from the encoded SSE body cancels the provider call", async () => {
  await withFake(async (fake) => {
    fake.enqueue("openai", { chunks: ["a", "b", "c"], chunkDelayMs: 1_000 });
    const result = expectStream(await call(fake, request("openai", { stream: true })));
    const body = encodeSseStream(result.stream).getReader();
    const first = new TextDecoder().decode((await body.read()).value);
    assert.equal(first, 'event: delta\ndata: {"text":"a"}\n\n');
    await body.cancel(); // what the runtime does when the HTTP client goes away
    const outcome = await result.outcome;
    assert.equal(outcome.status, "cancelled");
    assert.equal(outcome.text, "a");
    await waitFor(() => fake.requests[0]?.aborted === true, "the fake saw the request aborted");
  });
});

Deno.test("call: aborting the caller's signal before the answer gives cancelled", async () => {
  await withFake(async (fake) => {
    fake.enqueue("openai", { delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = expectError(await call(fake, request("openai"), { signal: controller.signal }));
    assert.equal(error.kind, "cancelled");
    assert.equal(error.status, 499);
  });
});

Deno.test("call: an unreachable provider is provider_error/502 'Could not reach'", async () => {
  const fake = await startFakeLlmProviders();
  const { baseUrls, keys } = fake;
  await fake.close();
  const result = await callProvider(request("anthropic"), {
    apiKey: keys.anthropic,
    baseUrl: baseUrls.anthropic,
    timeoutMs: 2_000,
  });
  const error = expectError(result);
  assert.equal(error.kind, "provider_error");
  assert.equal(error.status, 502);
  assert.match(error.message, /^Could not reach Anthropic: /);
});

Deno.test("call: a provider echoing the API key never gets it into the error", async () => {
  const apiKey = "sk-live-ECHOED-1234567890";
  const fetchStub: typeof fetch = () =>
    Promise.resolve(Response.json(
      { error: { message: `Bad key ${apiKey}`, type: "invalid_request_error", code: null } },
      { status: 401 },
    ));
  const error = expectError(await callProvider(request("openai"), { apiKey, fetch: fetchStub }));
  assert.equal(error.kind, "auth");
  assert.equal(error.message, "OpenAI rejected the organization's API key: Bad key [redacted]");
});

Deno.test("call: a 200 that is not the provider's format is provider_error/502", async () => {
  const fetchStub: typeof fetch = () =>
    Promise.resolve(new Response("<html>captive portal</html>", { status: 200 }));
  const error = expectError(
    await callProvider(request("openai"), { apiKey: "k", fetch: fetchStub, timeoutMs: 1_000 }),
  );
  assert.equal(error.kind, "provider_error");
  assert.equal(error.status, 502);
  assert.match(error.message, /^OpenAI sent an unexpected response: /);
});

Deno.test("call: the provider's mistakes a gateway could make are caught by the fakes", async () => {
  await withFake(async (fake) => {
    // Anthropic rejects a "system" message: the adapter must use the top-level `system`.
    const result = await callProvider(request("anthropic"), {
      apiKey: fake.keys.anthropic,
      baseUrl: fake.baseUrls.anthropic,
      fetch: async (input, init) => {
        const original = input as Request;
        const body = await original.json();
        body.messages.unshift({ role: "system", content: body.system });
        return fetch(
          new Request(original.url, {
            method: "POST",
            headers: original.headers,
            body: JSON.stringify(body),
          }),
          init,
        );
      },
    });
    const error = expectError(result);
    assert.equal(error.kind, "invalid_request");
    assert.match(error.message, /Unexpected role "system"/);
  });
});
