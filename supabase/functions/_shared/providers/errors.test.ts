import assert from "node:assert/strict";
import {
  parseDuration,
  providerError,
  redactSecret,
  retryAfterFromHeaders,
  toHttpError,
} from "./errors.ts";
import { baseUrlFromEnv, buildRequest, mapProviderError, parseResponse } from "./registry.ts";
import { HttpError } from "../http.ts";

Deno.test("errors: retry-after as seconds, milliseconds or an HTTP date", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const h = (init: Record<string, string>) => retryAfterFromHeaders(new Headers(init), now);
  assert.equal(h({ "retry-after": "12" }), 12);
  assert.equal(h({ "retry-after": "1.5" }), 1.5);
  assert.equal(h({ "retry-after-ms": "1500", "retry-after": "9" }), 1.5);
  assert.equal(h({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), 30);
  assert.equal(h({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), 0);
  assert.equal(h({ "retry-after": "soon" }), undefined);
  assert.equal(h({}), undefined);
  assert.equal(retryAfterFromHeaders(undefined), undefined);
});

Deno.test("errors: Go-style and protobuf durations", () => {
  assert.equal(parseDuration("20ms"), 0.02);
  assert.equal(parseDuration("1s"), 1);
  assert.equal(parseDuration("6m0s"), 360);
  assert.equal(parseDuration("1h2m3.5s"), 3723.5);
  assert.equal(parseDuration("37s"), 37);
  assert.equal(parseDuration("0.5s"), 0.5);
  assert.equal(parseDuration("5"), undefined);
  assert.equal(parseDuration("soon"), undefined);
});

Deno.test("errors: toHttpError gives { code: kind } with details and a whole-second Retry-After", () => {
  const error = providerError("anthropic", {
    kind: "rate_limited",
    detail: "Slow down.",
    provider_status: 429,
    provider_type: "rate_limit_error",
    retry_after_seconds: 1.2,
  });
  const http = toHttpError(error);
  assert.ok(http instanceof HttpError);
  assert.equal(http.status, 429);
  assert.equal(http.code, "rate_limited");
  assert.equal(http.message, "Anthropic rate limit exceeded: Slow down.");
  assert.deepEqual(http.details, {
    provider: "anthropic",
    provider_status: 429,
    provider_type: "rate_limit_error",
    retry_after_seconds: 1.2,
  });
  assert.equal(new Headers(http.headers).get("retry-after"), "2");
  const plain = toHttpError(providerError("gemini", { kind: "timeout" }));
  assert.equal(plain.status, 504);
  assert.equal(plain.message, "Gemini timed out.");
  assert.equal(plain.headers, undefined);
});

Deno.test("errors: long provider messages are truncated; secrets are redacted", () => {
  const long = providerError("openai", { kind: "invalid_request", detail: "x".repeat(2000) });
  assert.equal(long.message.length, 500);
  assert.ok(long.message.endsWith("…"));
  const leaked = providerError("openai", { kind: "auth", detail: "bad key sk-live-SECRET123" });
  assert.equal(
    redactSecret(leaked, "sk-live-SECRET123").message,
    "OpenAI rejected the organization's API key: bad key [redacted]",
  );
});

Deno.test("registry: base URLs come from OPENAI/ANTHROPIC/GEMINI_BASE_URL, else the public ones", () => {
  const env: Record<string, string> = {
    OPENAI_BASE_URL: "http://127.0.0.1:1/v1",
    ANTHROPIC_BASE_URL: " ",
  };
  const get = (name: string) => env[name];
  assert.equal(baseUrlFromEnv("openai", get), "http://127.0.0.1:1/v1");
  assert.equal(baseUrlFromEnv("anthropic", get), "https://api.anthropic.com");
  assert.equal(baseUrlFromEnv("gemini", get), "https://generativelanguage.googleapis.com");
});

Deno.test("registry: dispatches to the request's provider", () => {
  const req = buildRequest(
    {
      provider: "gemini",
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "x" }],
      params: {},
      stream: false,
    },
    { apiKey: "k" },
  );
  assert.match(req.url, /generativelanguage/);
  assert.equal(parseResponse("anthropic", { content: [{ type: "text", text: "ok" }] }).text, "ok");
  assert.equal(mapProviderError("openai", 429, {}).kind, "rate_limited");
  assert.throws(() => mapProviderError("mistral" as "openai", 500, {}), /Unknown provider/);
});
