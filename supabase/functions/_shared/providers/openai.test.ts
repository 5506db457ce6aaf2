import assert from "node:assert/strict";
import { openai } from "./openai.ts";
import { ProviderResponseError } from "./types.ts";
import { fullRequest, minimalRequest, parseStream, sseText, WEATHER_TOOL } from "./testing.ts";

const KEY = "sk-test-1234567890";

Deno.test("openai: builds POST {base}/chat/completions with Bearer auth and the exact body", async () => {
  const req = openai.buildRequest(fullRequest("openai", "gpt-4o-mini"), {
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:9/v1/",
  });
  assert.equal(req.method, "POST");
  assert.equal(req.url, "http://127.0.0.1:9/v1/chat/completions");
  assert.equal(req.headers.get("authorization"), `Bearer ${KEY}`);
  assert.equal(req.headers.get("content-type"), "application/json");
  assert.deepEqual(await req.json(), {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a concise sales assistant." },
      { role: "user", content: "Hi, is the blue kettle in stock?" },
      { role: "assistant", content: "Yes, 12 left." },
      { role: "user", content: "Ship it to Paris?" },
    ],
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 256,
    stop: ["\n\nUser:"],
    tools: [{
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather for a city",
        parameters: WEATHER_TOOL.parameters,
      },
    }],
  });
});

Deno.test("openai: streaming asks for usage; unset params are omitted; default base URL", async () => {
  const req = openai.buildRequest({ ...minimalRequest("openai", "gpt-4o"), stream: true }, {
    apiKey: KEY,
  });
  assert.equal(req.url, "https://api.openai.com/v1/chat/completions");
  assert.equal(req.headers.get("accept"), "text/event-stream");
  assert.deepEqual(await req.json(), {
    model: "gpt-4o",
    messages: [{ role: "user", content: "Hello" }],
    stream: true,
    stream_options: { include_usage: true },
  });
});

const COMPLETION = {
  id: "chatcmpl-abc",
  object: "chat.completion",
  created: 1735689600,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{
    index: 0,
    message: { role: "assistant", content: "It ships tomorrow.", refusal: null },
    logprobs: null,
    finish_reason: "stop",
  }],
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 8,
    total_tokens: 1208,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  },
};

Deno.test("openai: parses a completion: text, finish reason, usage with cached tokens", () => {
  assert.deepEqual(openai.parseResponse(COMPLETION), {
    text: "It ships tomorrow.",
    tool_calls: [],
    finish_reason: "stop",
    provider_finish_reason: "stop",
    usage: { input: 1200, output: 8, cached: 1024 },
    model: "gpt-4o-mini-2024-07-18",
    response_id: "chatcmpl-abc",
  });
});

Deno.test("openai: parses tool calls; arguments are parsed JSON, or the raw string if invalid", () => {
  const res = openai.parseResponse({
    ...COMPLETION,
    choices: [{
      index: 0,
      message: {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
          {
            id: "call_2",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":' },
          },
        ],
      },
      finish_reason: "tool_calls",
    }],
  });
  assert.equal(res.text, "");
  assert.equal(res.finish_reason, "tool_calls");
  assert.deepEqual(res.tool_calls, [
    { id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
    { id: "call_2", name: "get_weather", arguments: '{"city":' },
  ]);
});

Deno.test("openai: a body without choices is a ProviderResponseError", () => {
  assert.throws(() => openai.parseResponse({ object: "list", data: [] }), ProviderResponseError);
  assert.throws(() => openai.parseResponse("nope"), ProviderResponseError);
});

const chunk = (delta: object, finish: string | null = null) => ({
  data: {
    id: "chatcmpl-s",
    object: "chat.completion.chunk",
    model: "gpt-4o-mini",
    choices: [{ index: 0, delta, finish_reason: finish }],
    usage: null,
  },
});

Deno.test("openai: stream chunks become deltas; usage from the final chunk; [DONE] completes", () => {
  const { steps, deltas, summary } = parseStream(
    openai,
    sseText([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "It " }),
      chunk({ content: "ships." }),
      chunk({}, "stop"),
      {
        data: {
          id: "chatcmpl-s",
          object: "chat.completion.chunk",
          choices: [],
          usage: {
            prompt_tokens: 30,
            completion_tokens: 2,
            prompt_tokens_details: { cached_tokens: 0 },
          },
        },
      },
      "[DONE]",
    ]),
  );
  assert.deepEqual(deltas, ["It ", "ships."]);
  assert.deepEqual(steps.map((s) => s.content), [false, true, true, false, false, false]);
  assert.equal(steps.at(-1)?.done, true);
  assert.equal(summary.complete, true);
  assert.equal(summary.text, "It ships.");
  assert.equal(summary.finish_reason, "stop");
  assert.deepEqual(summary.usage, { input: 30, output: 2, cached: 0 });
  assert.equal(summary.response_id, "chatcmpl-s");
});

Deno.test("openai: streamed tool-call fragments are assembled by index", () => {
  const { summary, steps } = parseStream(
    openai,
    sseText([
      chunk({
        tool_calls: [{
          index: 0,
          id: "call_9",
          type: "function",
          function: { name: "get_weather", arguments: "" },
        }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Oslo"}' } }] }),
      chunk({}, "tool_calls"),
      "[DONE]",
    ]),
  );
  assert.equal(steps[0]?.content, true);
  assert.deepEqual(summary.tool_calls, [{
    id: "call_9",
    name: "get_weather",
    arguments: { city: "Oslo" },
  }]);
  assert.equal(summary.finish_reason, "tool_calls");
});

Deno.test("openai: a stream without [DONE] is not complete; an error chunk is an error", () => {
  assert.equal(parseStream(openai, sseText([chunk({ content: "Hi" })])).summary.complete, false);
  const { steps } = parseStream(
    openai,
    sseText([{
      data: {
        error: {
          message: "The server had an error",
          type: "server_error",
          param: null,
          code: null,
        },
      },
    }]),
  );
  assert.equal(steps[0]?.error?.kind, "provider_error");
  assert.equal(steps[0]?.error?.status, 502);
  assert.match(
    steps[0]?.error?.message ?? "",
    /^OpenAI returned an error: The server had an error/,
  );
  const bad = parseStream(openai, "data: {not json\n\n").steps[0]?.error;
  assert.equal(bad?.kind, "provider_error");
  assert.match(bad?.message ?? "", /OpenAI sent an unexpected response/);
});

const err = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
});

Deno.test("openai: 401 → auth/401 naming OpenAI", () => {
  const e = openai.mapError(
    401,
    err("Incorrect API key provided: sk-abc*****wxyz.", "invalid_request_error", "invalid_api_key"),
  );
  assert.deepEqual(e, {
    provider: "openai",
    kind: "auth",
    status: 401,
    message:
      "OpenAI rejected the organization's API key: Incorrect API key provided: sk-abc*****wxyz.",
    provider_status: 401,
    provider_type: "invalid_api_key",
  });
});

Deno.test("openai: 429 carries retry-after (header, -ms header, message hint, reset headers)", () => {
  const body = err(
    "Rate limit reached for gpt-4o. Please try again in 1.5s.",
    "requests",
    "rate_limit_exceeded",
  );
  const a = openai.mapError(429, body, new Headers({ "retry-after": "20" }));
  assert.equal(a.kind, "rate_limited");
  assert.equal(a.status, 429);
  assert.equal(a.retry_after_seconds, 20);
  assert.match(a.message, /^OpenAI rate limit exceeded: Rate limit reached/);
  assert.equal(
    openai.mapError(429, body, new Headers({ "retry-after-ms": "250" })).retry_after_seconds,
    0.25,
  );
  assert.equal(openai.mapError(429, body, new Headers()).retry_after_seconds, 1.5);
  const noHint = err("Rate limit reached for gpt-4o.", "tokens", "rate_limit_exceeded");
  const headers = new Headers({
    "x-ratelimit-remaining-requests": "5",
    "x-ratelimit-reset-requests": "100ms",
    "x-ratelimit-remaining-tokens": "0",
    "x-ratelimit-reset-tokens": "6m0s",
  });
  assert.equal(openai.mapError(429, noHint, headers).retry_after_seconds, 360);
  assert.equal(openai.mapError(429, noHint).retry_after_seconds, undefined);
});

Deno.test("openai: 429 insufficient_quota is a provider error without retry", () => {
  const e = openai.mapError(
    429,
    err(
      "You exceeded your current quota, please check your plan and billing details.",
      "insufficient_quota",
      "insufficient_quota",
    ),
    new Headers({ "retry-after": "1" }),
  );
  assert.equal(e.kind, "provider_error");
  assert.equal(e.status, 502);
  assert.equal(e.retry_after_seconds, undefined);
});

Deno.test("openai: 400/404 → invalid_request, 500 → provider_error, 503 → overloaded, 504 → timeout", () => {
  const cases: [number, string, number][] = [
    [400, "invalid_request", 400],
    [404, "invalid_request", 400],
    [500, "provider_error", 502],
    [502, "provider_error", 502],
    [503, "overloaded", 503],
    [504, "timeout", 504],
  ];
  for (const [status, kind, callerStatus] of cases) {
    const e = openai.mapError(status, err("x", "server_error", null));
    assert.equal(e.kind, kind, `HTTP ${status}`);
    assert.equal(e.status, callerStatus, `HTTP ${status}`);
    assert.equal(e.provider_status, status);
  }
  const html = openai.mapError(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
  assert.equal(html.message, "OpenAI returned an error (HTTP 502): 502 Bad Gateway");
});
