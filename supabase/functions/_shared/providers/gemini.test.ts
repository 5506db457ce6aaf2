import assert from "node:assert/strict";
import { gemini } from "./gemini.ts";
import { ProviderResponseError } from "./types.ts";
import { fullRequest, minimalRequest, parseStream, sseText, WEATHER_TOOL } from "./testing.ts";

const KEY = "AIzaTest123456";

Deno.test("gemini: builds POST {base}/v1beta/models/{model}:generateContent with x-goog-api-key", async () => {
  const req = gemini.buildRequest(fullRequest("gemini", "gemini-2.5-flash"), {
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:9/",
  });
  assert.equal(req.method, "POST");
  assert.equal(req.url, "http://127.0.0.1:9/v1beta/models/gemini-2.5-flash:generateContent");
  assert.equal(req.headers.get("x-goog-api-key"), KEY);
  assert.equal(new URL(req.url).searchParams.get("key"), null, "the key is never in the URL");
  assert.deepEqual(await req.json(), {
    contents: [
      { role: "user", parts: [{ text: "Hi, is the blue kettle in stock?" }] },
      { role: "model", parts: [{ text: "Yes, 12 left." }] },
      { role: "user", parts: [{ text: "Ship it to Paris?" }] },
    ],
    systemInstruction: { parts: [{ text: "You are a concise sales assistant." }] },
    generationConfig: {
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 256,
      stopSequences: ["\n\nUser:"],
    },
    tools: [{
      functionDeclarations: [{
        name: "get_weather",
        description: "Current weather for a city",
        parameters: WEATHER_TOOL.parameters,
      }],
    }],
  });
});

Deno.test("gemini: streaming uses :streamGenerateContent?alt=sse; no generationConfig when unset", async () => {
  const req = gemini.buildRequest(
    { ...minimalRequest("gemini", "models/gemini-2.5-pro"), stream: true },
    { apiKey: KEY },
  );
  assert.equal(
    req.url,
    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
  );
  assert.deepEqual(await req.json(), { contents: [{ role: "user", parts: [{ text: "Hello" }] }] });
});

const RESPONSE = {
  candidates: [{
    content: {
      parts: [{ text: "thinking…", thought: true }, { text: "It ships " }, { text: "tomorrow." }],
      role: "model",
    },
    finishReason: "STOP",
    index: 0,
  }],
  usageMetadata: {
    promptTokenCount: 900,
    candidatesTokenCount: 7,
    thoughtsTokenCount: 40,
    cachedContentTokenCount: 512,
    totalTokenCount: 947,
  },
  modelVersion: "gemini-2.5-flash",
  responseId: "resp-1",
};

Deno.test("gemini: parses a response; thoughts are output tokens, never text; cached is part of input", () => {
  assert.deepEqual(gemini.parseResponse(RESPONSE), {
    text: "It ships tomorrow.",
    tool_calls: [],
    finish_reason: "stop",
    provider_finish_reason: "STOP",
    usage: { input: 900, output: 47, cached: 512 },
    model: "gemini-2.5-flash",
    response_id: "resp-1",
  });
});

Deno.test("gemini: function calls, MAX_TOKENS, SAFETY and a blocked prompt", () => {
  const calls = gemini.parseResponse({
    ...RESPONSE,
    candidates: [{
      content: {
        parts: [{ functionCall: { name: "get_weather", args: { city: "Lima" } } }],
        role: "model",
      },
      finishReason: "STOP",
    }],
  });
  assert.equal(calls.finish_reason, "tool_calls");
  assert.deepEqual(calls.tool_calls, [{
    id: "call_0",
    name: "get_weather",
    arguments: { city: "Lima" },
  }]);
  const finish = (finishReason: string) =>
    gemini.parseResponse({ ...RESPONSE, candidates: [{ ...RESPONSE.candidates[0], finishReason }] })
      .finish_reason;
  assert.equal(finish("MAX_TOKENS"), "length");
  assert.equal(finish("SAFETY"), "content_filter");
  assert.equal(finish("OTHER"), "other");
  const blocked = gemini.parseResponse({
    promptFeedback: { blockReason: "SAFETY" },
    usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 },
  });
  assert.equal(blocked.text, "");
  assert.equal(blocked.finish_reason, "content_filter");
  assert.equal(blocked.provider_finish_reason, "SAFETY");
  assert.throws(() => gemini.parseResponse({ usageMetadata: {} }), ProviderResponseError);
});

const chunk = (
  text: string,
  extra: Record<string, unknown> = {},
  usage: Record<string, number> = { promptTokenCount: 20, totalTokenCount: 20 },
) => ({
  data: {
    candidates: [{ content: { parts: [{ text }], role: "model" }, index: 0, ...extra }],
    usageMetadata: usage,
    modelVersion: "gemini-2.5-flash",
    responseId: "r-s",
  },
});

Deno.test("gemini: CRLF-separated SSE chunks become deltas; the last has finishReason and usage", () => {
  const { deltas, steps, summary } = parseStream(
    gemini,
    sseText([
      chunk("Hel"),
      chunk("lo"),
      chunk("!", { finishReason: "STOP" }, {
        promptTokenCount: 20,
        candidatesTokenCount: 3,
        totalTokenCount: 23,
      }),
    ], "\r\n"),
  );
  assert.deepEqual(deltas, ["Hel", "lo", "!"]);
  assert.equal(steps.some((s) => s.done), false, "Gemini has no terminal event");
  assert.equal(summary.complete, true);
  assert.equal(summary.text, "Hello!");
  assert.equal(summary.finish_reason, "stop");
  assert.deepEqual(summary.usage, { input: 20, output: 3, cached: 0 });
});

Deno.test("gemini: a stream without a finishReason is incomplete; an error chunk is an error", () => {
  assert.equal(parseStream(gemini, sseText([chunk("Hel")])).summary.complete, false);
  const { steps } = parseStream(
    gemini,
    sseText([{
      data: {
        error: {
          code: 503,
          message: "The model is overloaded. Please try again later.",
          status: "UNAVAILABLE",
        },
      },
    }]),
  );
  assert.equal(steps[0]?.error?.kind, "overloaded");
  assert.equal(
    steps[0]?.error?.message,
    "Gemini is overloaded: The model is overloaded. Please try again later.",
  );
});

const googleErr = (code: number, status: string, message: string, details?: unknown[]) => ({
  error: { code, message, status, ...(details ? { details } : {}) },
});

Deno.test("gemini: a wrong key (400 API_KEY_INVALID) is auth/401", () => {
  const e = gemini.mapError(
    400,
    googleErr(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
      },
    ]),
  );
  assert.deepEqual(e, {
    provider: "gemini",
    kind: "auth",
    status: 401,
    message:
      "Gemini rejected the organization's API key: API key not valid. Please pass a valid API key.",
    provider_status: 400,
    provider_type: "API_KEY_INVALID",
  });
});

Deno.test("gemini: 429 RESOURCE_EXHAUSTED takes retryDelay from RetryInfo (a header wins)", () => {
  const body = googleErr(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", [
    { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [] },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" },
  ]);
  const e = gemini.mapError(429, body);
  assert.equal(e.kind, "rate_limited");
  assert.equal(e.status, 429);
  assert.equal(e.retry_after_seconds, 37);
  assert.equal(e.message, "Gemini rate limit exceeded: You exceeded your current quota.");
  assert.equal(
    gemini.mapError(429, body, new Headers({ "retry-after": "3" })).retry_after_seconds,
    3,
  );
});

Deno.test("gemini: gRPC statuses map to kinds", () => {
  const cases: [number, string, string, number][] = [
    [400, "INVALID_ARGUMENT", "invalid_request", 400],
    [400, "FAILED_PRECONDITION", "invalid_request", 400],
    [404, "NOT_FOUND", "invalid_request", 400],
    [401, "UNAUTHENTICATED", "auth", 401],
    [403, "PERMISSION_DENIED", "auth", 401],
    [500, "INTERNAL", "provider_error", 502],
    [503, "UNAVAILABLE", "overloaded", 503],
    [504, "DEADLINE_EXCEEDED", "timeout", 504],
  ];
  for (const [status, grpc, kind, callerStatus] of cases) {
    const e = gemini.mapError(status, googleErr(status, grpc, "m"));
    assert.equal(e.kind, kind, grpc);
    assert.equal(e.status, callerStatus, grpc);
    assert.equal(e.provider_type, grpc);
  }
});
