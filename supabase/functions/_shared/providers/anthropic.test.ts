import assert from "node:assert/strict";
import { anthropic, ANTHROPIC_DEFAULT_MAX_TOKENS } from "./anthropic.ts";
import { ProviderResponseError } from "./types.ts";
import { fullRequest, minimalRequest, parseStream, sseText, WEATHER_TOOL } from "./testing.ts";

const KEY = "sk-ant-test-123456";

Deno.test("anthropic: builds POST {base}/v1/messages with x-api-key, version and the exact body", async () => {
  const req = anthropic.buildRequest(fullRequest("anthropic", "claude-sonnet-4-20250514"), {
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:9",
  });
  assert.equal(req.method, "POST");
  assert.equal(req.url, "http://127.0.0.1:9/v1/messages");
  assert.equal(req.headers.get("x-api-key"), KEY);
  assert.equal(req.headers.get("anthropic-version"), "2023-06-01");
  assert.equal(req.headers.get("authorization"), null);
  assert.deepEqual(await req.json(), {
    model: "claude-sonnet-4-20250514",
    max_tokens: 256,
    system: "You are a concise sales assistant.",
    messages: [
      { role: "user", content: "Hi, is the blue kettle in stock?" },
      { role: "assistant", content: "Yes, 12 left." },
      { role: "user", content: "Ship it to Paris?" },
    ],
    temperature: 0.2,
    top_p: 0.9,
    stop_sequences: ["\n\nUser:"],
    tools: [{
      name: "get_weather",
      description: "Current weather for a city",
      input_schema: WEATHER_TOOL.parameters,
    }],
  });
});

Deno.test("anthropic: max_tokens defaults (it is required); stream flag; default base URL", async () => {
  const req = anthropic.buildRequest(
    { ...minimalRequest("anthropic", "claude-3-5-haiku-latest"), stream: true },
    { apiKey: KEY },
  );
  assert.equal(req.url, "https://api.anthropic.com/v1/messages");
  assert.deepEqual(await req.json(), {
    model: "claude-3-5-haiku-latest",
    max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: [{ role: "user", content: "Hello" }],
    stream: true,
  });
});

const MESSAGE = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-20250514",
  content: [{ type: "text", text: "It ships " }, { type: "text", text: "tomorrow." }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: {
    input_tokens: 50,
    cache_creation_input_tokens: 100,
    cache_read_input_tokens: 1000,
    output_tokens: 9,
  },
};

Deno.test("anthropic: parses a message; input adds cache reads and writes, cached = reads", () => {
  assert.deepEqual(anthropic.parseResponse(MESSAGE), {
    text: "It ships tomorrow.",
    tool_calls: [],
    finish_reason: "stop",
    provider_finish_reason: "end_turn",
    usage: { input: 1150, output: 9, cached: 1000 },
    model: "claude-sonnet-4-20250514",
    response_id: "msg_01",
  });
});

Deno.test("anthropic: parses tool_use blocks and maps stop reasons", () => {
  const res = anthropic.parseResponse({
    ...MESSAGE,
    content: [
      { type: "thinking", thinking: "…", signature: "x" },
      { type: "text", text: "Checking." },
      { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
    ],
    stop_reason: "tool_use",
  });
  assert.equal(res.text, "Checking.");
  assert.equal(res.finish_reason, "tool_calls");
  assert.deepEqual(res.tool_calls, [{
    id: "toolu_1",
    name: "get_weather",
    arguments: { city: "Paris" },
  }]);
  assert.equal(
    anthropic.parseResponse({ ...MESSAGE, stop_reason: "max_tokens" }).finish_reason,
    "length",
  );
  assert.equal(
    anthropic.parseResponse({ ...MESSAGE, stop_reason: "stop_sequence" }).finish_reason,
    "stop",
  );
  assert.equal(
    anthropic.parseResponse({ ...MESSAGE, stop_reason: "refusal" }).finish_reason,
    "content_filter",
  );
  assert.throws(() => anthropic.parseResponse({ type: "message" }), ProviderResponseError);
});

const STREAM = sseText([
  {
    event: "message_start",
    data: {
      type: "message_start",
      message: {
        id: "msg_s",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-20250514",
        content: [],
        stop_reason: null,
        usage: {
          input_tokens: 25,
          cache_read_input_tokens: 5,
          cache_creation_input_tokens: 0,
          output_tokens: 1,
        },
      },
    },
  },
  {
    event: "content_block_start",
    data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  },
  { event: "ping", data: { type: "ping" } },
  {
    event: "content_block_delta",
    data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hello" } },
  },
  {
    event: "content_block_delta",
    data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: " there" } },
  },
  { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
  {
    event: "content_block_start",
    data: {
      type: "content_block_start",
      index: 1,
      content_block: { type: "tool_use", id: "toolu_2", name: "get_weather", input: {} },
    },
  },
  {
    event: "content_block_delta",
    data: {
      type: "content_block_delta",
      index: 1,
      delta: { type: "input_json_delta", partial_json: "" },
    },
  },
  {
    event: "content_block_delta",
    data: {
      type: "content_block_delta",
      index: 1,
      delta: { type: "input_json_delta", partial_json: '{"city": "Ro' },
    },
  },
  {
    event: "content_block_delta",
    data: {
      type: "content_block_delta",
      index: 1,
      delta: { type: "input_json_delta", partial_json: 'me"}' },
    },
  },
  { event: "content_block_stop", data: { type: "content_block_stop", index: 1 } },
  {
    event: "message_delta",
    data: {
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { output_tokens: 15 },
    },
  },
  { event: "message_stop", data: { type: "message_stop" } },
]);

Deno.test("anthropic: stream events become deltas, a tool call, usage and a stop reason", () => {
  const { deltas, steps, summary } = parseStream(anthropic, STREAM);
  assert.deepEqual(deltas, ["Hello", " there"]);
  assert.equal(steps.findIndex((s) => s.content), 3); // the first text_delta
  assert.equal(steps.at(-1)?.done, true);
  assert.equal(steps.slice(0, -1).some((s) => s.done), false);
  assert.deepEqual(summary, {
    text: "Hello there",
    tool_calls: [{ id: "toolu_2", name: "get_weather", arguments: { city: "Rome" } }],
    finish_reason: "tool_calls",
    provider_finish_reason: "tool_use",
    usage: { input: 30, output: 15, cached: 5 },
    model: "claude-sonnet-4-20250514",
    response_id: "msg_s",
    complete: true,
  });
});

Deno.test("anthropic: an error event mid-stream (overloaded_error) is an overloaded error", () => {
  const { steps, summary } = parseStream(
    anthropic,
    sseText([
      {
        event: "content_block_delta",
        data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } },
      },
      {
        event: "error",
        data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      },
    ]),
  );
  assert.deepEqual(steps[1]?.error, {
    provider: "anthropic",
    kind: "overloaded",
    status: 503,
    message: "Anthropic is overloaded: Overloaded",
    provider_type: "overloaded_error",
  });
  assert.equal(summary.complete, false);
});

const anthropicErr = (type: string, message: string) => ({
  type: "error",
  error: { type, message },
  request_id: "req_1",
});

Deno.test("anthropic: error types map to kinds; 429 and 529 carry retry-after", () => {
  const auth = anthropic.mapError(401, anthropicErr("authentication_error", "invalid x-api-key"));
  assert.equal(auth.kind, "auth");
  assert.equal(auth.status, 401);
  assert.equal(auth.message, "Anthropic rejected the organization's API key: invalid x-api-key");

  const limited = anthropic.mapError(
    429,
    anthropicErr("rate_limit_error", "This request would exceed the rate limit."),
    new Headers({ "retry-after": "7" }),
  );
  assert.deepEqual(limited, {
    provider: "anthropic",
    kind: "rate_limited",
    status: 429,
    message: "Anthropic rate limit exceeded: This request would exceed the rate limit.",
    retry_after_seconds: 7,
    provider_status: 429,
    provider_type: "rate_limit_error",
  });

  const overloaded = anthropic.mapError(529, anthropicErr("overloaded_error", "Overloaded"));
  assert.equal(overloaded.kind, "overloaded");
  assert.equal(overloaded.status, 503);
  assert.equal(overloaded.provider_status, 529);

  const cases: [number, string, string, number][] = [
    [400, "invalid_request_error", "invalid_request", 400],
    [403, "permission_error", "auth", 401],
    [404, "not_found_error", "invalid_request", 400],
    [413, "request_too_large", "invalid_request", 400],
    [500, "api_error", "provider_error", 502],
    [504, "timeout_error", "timeout", 504],
  ];
  for (const [status, type, kind, callerStatus] of cases) {
    const e = anthropic.mapError(status, anthropicErr(type, "m"));
    assert.equal(e.kind, kind, type);
    assert.equal(e.status, callerStatus, type);
  }
  // An unknown type falls back to the HTTP status.
  assert.equal(anthropic.mapError(503, anthropicErr("brand_new_error", "m")).kind, "overloaded");
});
