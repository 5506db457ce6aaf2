/**
 * Local stand-ins for OpenAI, Anthropic and Gemini that speak their real wire formats, for tests
 * of the LLM gateway. One `node:http` server on 127.0.0.1 serves all three, so it runs under Node
 * (tsx, vitest) and Deno alike:
 *
 *   POST /v1/chat/completions                              OpenAI Chat Completions
 *   POST /v1/messages                                      Anthropic Messages
 *   POST /v1beta/models/{model}:generateContent            Gemini
 *   POST /v1beta/models/{model}:streamGenerateContent      Gemini (?alt=sse: SSE, else a JSON array)
 *
 *   const fake = await startFakeLlmProviders();
 *   fake.enqueue("anthropic", { error: 429, retryAfterSeconds: 7 });
 *   fake.enqueue("openai", { chunks: ["Hel", "lo"], chunkDelayMs: 20, usage: { input: 9, output: 2 } });
 *   // point the gateway at fake.baseUrls.openai etc. (OPENAI_BASE_URL includes /v1, as upstream)
 *   fake.requests; // what was received, for assertions
 *   await fake.close();
 *
 * Each provider checks its auth header (`fake.keys`) and answers a wrong or missing key with its
 * real error body, and rejects requests its real API would reject for the mistakes a gateway is
 * likely to make (no max_tokens or a "system" message for Anthropic, a bad role for Gemini…).
 * With nothing enqueued a provider replies "Hello from the fake provider." with default usage.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { headersOf, readBody, sendJson, startLocalServer } from "./server.ts";

export type FakeProvider = "openai" | "anthropic" | "gemini";

export interface FakeUsage {
  input: number;
  output: number;
  /** Cached input tokens, part of `input`. */
  cached?: number;
}

export interface FakeBehaviour {
  /** The reply. Streaming sends it split into `chunks` (default: words, spaces kept). */
  text?: string;
  chunks?: string[];
  chunkDelayMs?: number;
  usage?: FakeUsage;
  /** Tool calls the model makes (after any text). */
  toolCalls?: { id?: string; name: string; arguments: Record<string, unknown> }[];
  /** "length": the provider's max-tokens finish reason. */
  finish?: "stop" | "length";
  /** Wait this long before answering at all (headers included): for timeouts. */
  delayMs?: number;
  /** Answer with the provider's real error for this status (529: Anthropic's overloaded). */
  error?: 400 | 401 | 403 | 404 | 429 | 500 | 503 | 529;
  /** With `error: 429` (or 503/529): the provider's retry hint, in its header or body. */
  retryAfterSeconds?: number;
  /** Streaming: after this many chunks, send the provider's in-stream error event and end. */
  streamErrorAfterChunks?: number;
  /** Streaming: after this many chunks, reset the connection. */
  dropAfterChunks?: number;
  /** Streaming: after this many chunks, end the response cleanly but without its last events. */
  endAfterChunks?: number;
}

export interface RecordedRequest {
  provider: FakeProvider;
  method: string;
  path: string;
  /** The query string without "?", e.g. "alt=sse". */
  query: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
  stream: boolean;
  /** Set when the client went away before the response was complete (a timeout, a cancel). */
  aborted: boolean;
}

export interface FakeLlmProviders {
  /** http://127.0.0.1:<port> */
  url: string;
  /** What each provider's base-URL setting should be: OpenAI's includes /v1. */
  baseUrls: Record<FakeProvider, string>;
  /** The API keys the fakes accept. */
  keys: Record<FakeProvider, string>;
  requests: RecordedRequest[];
  /** Scripts the next requests to `provider`, in order; then the default reply resumes. */
  enqueue(provider: FakeProvider, ...behaviours: FakeBehaviour[]): void;
  /** Forgets scripted behaviours and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: FakeUsage = { input: 10, output: 5, cached: 0 };

export async function startFakeLlmProviders(
  options: { keys?: Partial<Record<FakeProvider, string>> } = {},
): Promise<FakeLlmProviders> {
  const keys: Record<FakeProvider, string> = {
    openai: options.keys?.openai ?? "sk-fake-openai-0000000000000000abcd",
    anthropic: options.keys?.anthropic ?? "sk-ant-fake-00000000000000000wxyz",
    gemini: options.keys?.gemini ?? "AIzaFakeGeminiKey000000000000000lmno",
  };
  const queues: Record<FakeProvider, FakeBehaviour[]> = { openai: [], anthropic: [], gemini: [] };
  const requests: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text; each provider rejects it below
    }
    const route = routeOf(req.method ?? "GET", url);
    if (!route) {
      return sendJson(res, 404, openaiError(`Invalid URL (${req.method} ${url.pathname})`, null));
    }
    const { provider } = route;
    const stream =
      provider === "gemini"
        ? route.stream
        : typeof body === "object" && body !== null && "stream" in body && body.stream === true;
    const record: RecordedRequest = {
      provider,
      method: req.method ?? "",
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      headers: headersOf(req),
      body,
      stream,
      aborted: false,
    };
    requests.push(record);

    const authError = checkAuth(provider, req, url, keys[provider]);
    if (authError) return sendJson(res, authError.status, authError.body);
    const invalid = validate(provider, req, body, route.model);
    if (invalid) return sendJson(res, 400, invalid);

    const behaviour = queues[provider].shift() ?? {};
    const alive = connectionAlive(res);
    alive.signal.addEventListener("abort", () => (record.aborted = true));
    if (behaviour.delayMs) await sleep(behaviour.delayMs, alive.signal);
    if (alive.signal.aborted) return;
    if (behaviour.error) {
      const error = errorResponse(provider, behaviour.error, behaviour.retryAfterSeconds);
      return sendJson(res, error.status, error.body, error.headers);
    }
    const model =
      provider === "gemini"
        ? route.model
        : String((body as { model?: unknown }).model ?? "unknown-model");
    const reply = replyOf(behaviour);
    if (!stream) {
      return sendJson(res, 200, completeBody(provider, model, reply), successHeaders(provider));
    }
    if (provider === "gemini" && !route.sse) {
      // streamGenerateContent without alt=sse answers one JSON array of the chunks.
      const chunks = geminiChunks(model, reply).map((c) => JSON.parse(c.data) as unknown);
      return sendJson(res, 200, chunks, successHeaders(provider));
    }
    await streamReply(res, provider, model, reply, behaviour, alive.signal);
  }

  const server = await startLocalServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const url = server.url;

  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: url, gemini: url },
    keys,
    requests,
    enqueue(provider, ...behaviours) {
      queues[provider].push(...behaviours);
    },
    reset() {
      for (const name of Object.keys(queues) as FakeProvider[]) queues[name].length = 0;
      requests.length = 0;
    },
    close: server.close,
  };
}

// ----------------------------------------------------------------------------------------------
// Routing, auth and validation

type Route =
  | { provider: "openai" | "anthropic"; model?: undefined }
  | { provider: "gemini"; model: string; stream: boolean; sse: boolean };

function routeOf(method: string, url: URL): Route | undefined {
  if (method !== "POST") return undefined;
  if (url.pathname === "/v1/chat/completions") return { provider: "openai" };
  if (url.pathname === "/v1/messages") return { provider: "anthropic" };
  const match = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(
    url.pathname,
  );
  if (!match?.[1]) return undefined;
  const stream = match[2] === "streamGenerateContent";
  return {
    provider: "gemini",
    model: decodeURIComponent(match[1]),
    stream,
    sse: url.searchParams.get("alt") === "sse",
  };
}

function checkAuth(
  provider: FakeProvider,
  req: IncomingMessage,
  url: URL,
  key: string,
): { status: number; body: unknown } | undefined {
  if (provider === "openai") {
    const header = req.headers.authorization;
    if (!header) {
      return {
        status: 401,
        body: openaiError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
          null,
        ),
      };
    }
    const given = header.replace(/^Bearer\s+/i, "");
    if (given === key) return undefined;
    const masked = given.length > 8 ? `${given.slice(0, 3)}*****${given.slice(-4)}` : given;
    return {
      status: 401,
      body: openaiError(
        `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        "invalid_api_key",
      ),
    };
  }
  if (provider === "anthropic") {
    const given = req.headers["x-api-key"];
    if (given === key) return undefined;
    return {
      status: 401,
      body: anthropicError(
        "authentication_error",
        given ? "invalid x-api-key" : "x-api-key header is required",
      ),
    };
  }
  const given = req.headers["x-goog-api-key"] ?? url.searchParams.get("key");
  if (given === key) return undefined;
  if (!given) {
    return {
      status: 403,
      body: googleError(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ),
    };
  }
  return {
    status: 400,
    body: googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        locale: "en-US",
        message: "API key not valid. Please pass a valid API key.",
      },
    ]),
  };
}

function validate(
  provider: FakeProvider,
  req: IncomingMessage,
  body: unknown,
  model: string | undefined,
): unknown {
  const b = (typeof body === "object" && body !== null ? body : undefined) as
    Record<string, unknown> | undefined;
  if (provider === "openai") {
    if (!b) {
      return openaiError(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        null,
      );
    }
    if (typeof b.model !== "string") return openaiError("you must provide a model parameter", null);
    if (!Array.isArray(b.messages) || b.messages.length === 0) {
      return openaiError(
        "Missing required parameter: 'messages'.",
        "missing_required_parameter",
        "messages",
      );
    }
    return undefined;
  }
  if (provider === "anthropic") {
    if (!req.headers["anthropic-version"]) {
      return anthropicError("invalid_request_error", "anthropic-version: header is required");
    }
    if (!b) return anthropicError("invalid_request_error", "There was an error parsing the body");
    if (typeof b.model !== "string") {
      return anthropicError("invalid_request_error", "model: Field required");
    }
    if (typeof b.max_tokens !== "number") {
      return anthropicError("invalid_request_error", "max_tokens: Field required");
    }
    if (!Array.isArray(b.messages)) {
      return anthropicError("invalid_request_error", "messages: Field required");
    }
    const system = b.messages.find((m) => (m as { role?: unknown }).role === "system");
    if (system) {
      return anthropicError(
        "invalid_request_error",
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      );
    }
    return undefined;
  }
  if (!b) {
    return googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
  }
  if (!model) return googleError(404, "NOT_FOUND", "models/ is not found.");
  if (!Array.isArray(b.contents) || b.contents.length === 0) {
    return googleError(
      400,
      "INVALID_ARGUMENT",
      "* GenerateContentRequest.contents: contents is not specified\n",
    );
  }
  const badRole = b.contents.find((c) => {
    const role = (c as { role?: unknown }).role;
    return role !== undefined && role !== "user" && role !== "model";
  });
  if (badRole) {
    return googleError(400, "INVALID_ARGUMENT", "Please use a valid role: user, model.");
  }
  return undefined;
}

// ----------------------------------------------------------------------------------------------
// Error bodies

function openaiError(message: string, code: string | null, param: string | null = null) {
  return { error: { message, type: "invalid_request_error", param, code } };
}

function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_011CFakeAnthropicRequest" };
}

function googleError(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

function errorResponse(
  provider: FakeProvider,
  status: NonNullable<FakeBehaviour["error"]>,
  retryAfter: number | undefined,
): { status: number; body: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (provider === "openai") {
    if (status === 401) {
      return {
        status,
        headers,
        body: openaiError(
          "Incorrect API key provided: sk-rev*****oked. You can find your API key at https://platform.openai.com/account/api-keys.",
          "invalid_api_key",
        ),
      };
    }
    if (status === 429) {
      const wait = retryAfter ?? 20;
      headers["retry-after"] = String(wait);
      headers["x-ratelimit-limit-requests"] = "3";
      headers["x-ratelimit-remaining-requests"] = "0";
      headers["x-ratelimit-reset-requests"] = `${wait}s`;
      return {
        status,
        headers,
        body: {
          error: {
            message: `Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${wait}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
            type: "requests",
            param: null,
            code: "rate_limit_exceeded",
          },
        },
      };
    }
    if (status === 400 || status === 404) {
      return {
        status,
        headers,
        body:
          status === 404
            ? openaiError(
                "The model `gpt-nope` does not exist or you do not have access to it.",
                "model_not_found",
              )
            : openaiError(
                "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
                "context_length_exceeded",
                "messages",
              ),
      };
    }
    if (status === 503 || status === 529) {
      return {
        status,
        headers,
        body: {
          error: {
            message: "The engine is currently overloaded, please try again later.",
            type: "server_error",
            param: null,
            code: null,
          },
        },
      };
    }
    return {
      status,
      headers,
      body: {
        error: {
          message: "The server had an error while processing your request. Sorry about that!",
          type: "server_error",
          param: null,
          code: null,
        },
      },
    };
  }
  if (provider === "anthropic") {
    if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
    const byStatus: Record<number, [string, string]> = {
      400: ["invalid_request_error", "prompt is too long: 250000 tokens > 200000 maximum"],
      401: ["authentication_error", "invalid x-api-key"],
      403: [
        "permission_error",
        "Your API key does not have permission to use the specified resource.",
      ],
      404: ["not_found_error", "model: claude-nope"],
      429: [
        "rate_limit_error",
        "This request would exceed the rate limit for your organization (fake-org) of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.",
      ],
      500: ["api_error", "Internal server error"],
      503: ["api_error", "Service unavailable"],
      529: ["overloaded_error", "Overloaded"],
    };
    const [type, message] = byStatus[status] ?? ["api_error", "Internal server error"];
    if (status === 429) headers["anthropic-ratelimit-requests-remaining"] = "0";
    return { status, headers, body: anthropicError(type, message) };
  }
  const byStatus: Record<number, [string, string]> = {
    400: [
      "INVALID_ARGUMENT",
      "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
    ],
    401: [
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    ],
    403: ["PERMISSION_DENIED", "The caller does not have permission"],
    404: [
      "NOT_FOUND",
      "models/gemini-nope is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
    ],
    429: [
      "RESOURCE_EXHAUSTED",
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
    ],
    500: [
      "INTERNAL",
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ],
    503: ["UNAVAILABLE", "The model is overloaded. Please try again later."],
  };
  const [grpc, message] = byStatus[status] ?? byStatus[500] ?? ["INTERNAL", "Internal error"];
  const details =
    status === 429
      ? [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [
              {
                quotaMetric:
                  "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                quotaDimensions: { location: "global", model: "gemini-2.5-flash" },
                quotaValue: "10",
              },
            ],
          },
          {
            "@type": "type.googleapis.com/google.rpc.RetryInfo",
            retryDelay: `${retryAfter ?? 37}s`,
          },
        ]
      : undefined;
  return { status, headers, body: googleError(status, grpc, message, details) };
}

// ----------------------------------------------------------------------------------------------
// Replies

interface Reply {
  text: string;
  chunks: string[];
  usage: Required<FakeUsage>;
  toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
  finish: "stop" | "length" | "tools";
}

function replyOf(b: FakeBehaviour): Reply {
  const text = b.chunks ? b.chunks.join("") : (b.text ?? (b.toolCalls ? "" : undefined));
  const finalText = text ?? "Hello from the fake provider.";
  const usage = { ...DEFAULT_USAGE, ...b.usage };
  return {
    text: finalText,
    chunks: b.chunks ?? (finalText.match(/\S+\s*/g) || []),
    usage: { input: usage.input, output: usage.output, cached: usage.cached ?? 0 },
    toolCalls: (b.toolCalls ?? []).map((call, i) => ({
      id: call.id ?? `call_fake${i}`,
      name: call.name,
      arguments: call.arguments,
    })),
    finish: b.finish === "length" ? "length" : b.toolCalls?.length ? "tools" : "stop",
  };
}

const CREATED = 1_735_689_600;

function openaiUsage(u: Required<FakeUsage>) {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const OPENAI_FINISH = { stop: "stop", length: "length", tools: "tool_calls" } as const;
const ANTHROPIC_STOP = { stop: "end_turn", length: "max_tokens", tools: "tool_use" } as const;

function anthropicUsage(u: Required<FakeUsage>) {
  return {
    input_tokens: u.input - u.cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: u.cached,
    output_tokens: u.output,
    service_tier: "standard",
  };
}

function geminiUsage(u: Required<FakeUsage>) {
  return {
    promptTokenCount: u.input,
    candidatesTokenCount: u.output,
    totalTokenCount: u.input + u.output,
    ...(u.cached ? { cachedContentTokenCount: u.cached } : {}),
    promptTokensDetails: [{ modality: "TEXT", tokenCount: u.input }],
  };
}

function completeBody(provider: FakeProvider, model: string, r: Reply): unknown {
  if (provider === "openai") {
    return {
      id: "chatcmpl-FakeCompletion0001",
      object: "chat.completion",
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: r.text === "" && r.toolCalls.length ? null : r.text,
            refusal: null,
            annotations: [],
            ...(r.toolCalls.length
              ? {
                  tool_calls: r.toolCalls.map((c) => ({
                    id: c.id,
                    type: "function",
                    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
                  })),
                }
              : {}),
          },
          logprobs: null,
          finish_reason: OPENAI_FINISH[r.finish],
        },
      ],
      usage: openaiUsage(r.usage),
      service_tier: "default",
      system_fingerprint: "fp_fake0001",
    };
  }
  if (provider === "anthropic") {
    return {
      id: "msg_01FakeAnthropicMessage",
      type: "message",
      role: "assistant",
      model,
      content: [
        ...(r.text ? [{ type: "text", text: r.text }] : []),
        ...r.toolCalls.map((c) => ({
          type: "tool_use",
          id: c.id,
          name: c.name,
          input: c.arguments,
        })),
      ],
      stop_reason: ANTHROPIC_STOP[r.finish],
      stop_sequence: null,
      usage: anthropicUsage(r.usage),
    };
  }
  return {
    candidates: [
      {
        content: { parts: geminiParts(r.text, r), role: "model" },
        finishReason: r.finish === "length" ? "MAX_TOKENS" : "STOP",
        index: 0,
      },
    ],
    usageMetadata: geminiUsage(r.usage),
    modelVersion: model,
    responseId: "FakeGeminiResponse0001",
  };
}

function geminiParts(text: string, r: Reply, withCalls = true) {
  return [
    ...(text ? [{ text }] : []),
    ...(withCalls
      ? r.toolCalls.map((c) => ({ functionCall: { name: c.name, args: c.arguments } }))
      : []),
  ];
}

interface SseChunk {
  event?: string;
  data: string;
}

function openaiChunks(model: string, r: Reply): SseChunk[] {
  const base = {
    id: "chatcmpl-FakeStream0001",
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    system_fingerprint: "fp_fake0001",
  };
  const chunk = (delta: object, finish: string | null = null) => ({
    data: JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      usage: null,
    }),
  });
  const out: SseChunk[] = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of r.chunks) out.push(chunk({ content: piece }));
  r.toolCalls.forEach((c, index) => {
    out.push(
      chunk({
        tool_calls: [
          { index, id: c.id, type: "function", function: { name: c.name, arguments: "" } },
        ],
      }),
    );
    const args = JSON.stringify(c.arguments);
    const half = Math.floor(args.length / 2);
    out.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
    out.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
  });
  out.push(chunk({}, OPENAI_FINISH[r.finish]));
  out.push({ data: JSON.stringify({ ...base, choices: [], usage: openaiUsage(r.usage) }) });
  out.push({ data: "[DONE]" });
  return out;
}

function anthropicChunks(model: string, r: Reply): SseChunk[] {
  const ev = (event: string, data: object): SseChunk => ({
    event,
    data: JSON.stringify({ type: event, ...data }),
  });
  const startUsage = { ...anthropicUsage(r.usage), output_tokens: 1 };
  const out: SseChunk[] = [
    ev("message_start", {
      message: {
        id: "msg_01FakeAnthropicStream",
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: startUsage,
      },
    }),
  ];
  let index = 0;
  if (r.chunks.length) {
    out.push(ev("content_block_start", { index, content_block: { type: "text", text: "" } }));
    out.push(ev("ping", {}));
    for (const piece of r.chunks) {
      out.push(ev("content_block_delta", { index, delta: { type: "text_delta", text: piece } }));
    }
    out.push(ev("content_block_stop", { index }));
    index++;
  }
  for (const c of r.toolCalls) {
    out.push(
      ev("content_block_start", {
        index,
        content_block: { type: "tool_use", id: c.id, name: c.name, input: {} },
      }),
    );
    const args = JSON.stringify(c.arguments);
    const half = Math.floor(args.length / 2);
    for (const part of ["", args.slice(0, half), args.slice(half)]) {
      out.push(
        ev("content_block_delta", {
          index,
          delta: { type: "input_json_delta", partial_json: part },
        }),
      );
    }
    out.push(ev("content_block_stop", { index }));
    index++;
  }
  out.push(
    ev("message_delta", {
      delta: { stop_reason: ANTHROPIC_STOP[r.finish], stop_sequence: null },
      usage: { output_tokens: r.usage.output },
    }),
  );
  out.push(ev("message_stop", {}));
  return out;
}

function geminiChunks(model: string, r: Reply): SseChunk[] {
  const pieces = r.chunks.length ? r.chunks : [""];
  return pieces.map((piece, i) => {
    const last = i === pieces.length - 1;
    const usage = last ? r.usage : { ...r.usage, output: 0 };
    const candidate = {
      content: { parts: geminiParts(piece, r, last), role: "model" },
      ...(last ? { finishReason: r.finish === "length" ? "MAX_TOKENS" : "STOP" } : {}),
      index: 0,
    };
    const usageMetadata = last
      ? geminiUsage(usage)
      : {
          promptTokenCount: usage.input,
          totalTokenCount: usage.input,
          promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.input }],
        };
    return {
      data: JSON.stringify({
        candidates: [candidate],
        usageMetadata,
        modelVersion: model,
        responseId: "FakeGeminiStream0001",
      }),
    };
  });
}

function streamErrorChunk(provider: FakeProvider): SseChunk {
  if (provider === "anthropic") {
    return {
      event: "error",
      data: JSON.stringify(anthropicError("overloaded_error", "Overloaded")),
    };
  }
  if (provider === "openai") {
    return {
      data: JSON.stringify({
        error: {
          message: "The server had an error while processing your request. Sorry about that!",
          type: "server_error",
          param: null,
          code: null,
        },
      }),
    };
  }
  return {
    data: JSON.stringify(
      googleError(
        500,
        "INTERNAL",
        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
      ),
    ),
  };
}

async function streamReply(
  res: ServerResponse,
  provider: FakeProvider,
  model: string,
  reply: Reply,
  b: FakeBehaviour,
  signal: AbortSignal,
): Promise<void> {
  const chunks =
    provider === "openai"
      ? openaiChunks(model, reply)
      : provider === "anthropic"
        ? anthropicChunks(model, reply)
        : geminiChunks(model, reply);
  // Gemini separates events with CRLF; the others with LF.
  const eol = provider === "gemini" ? "\r\n" : "\n";
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    ...successHeaders(provider),
  });
  res.flushHeaders();
  let textChunks = 0;
  for (const chunk of chunks) {
    if (signal.aborted) return;
    const isText = isTextChunk(provider, chunk);
    if (isText) {
      if (b.dropAfterChunks !== undefined && textChunks >= b.dropAfterChunks) {
        // Let what was written reach the client first: a reset can discard unread data.
        await sleep(b.chunkDelayMs ?? 50, signal);
        res.destroy();
        return;
      }
      if (b.endAfterChunks !== undefined && textChunks >= b.endAfterChunks) {
        res.end();
        return;
      }
      if (b.streamErrorAfterChunks !== undefined && textChunks >= b.streamErrorAfterChunks) {
        res.end(encode(streamErrorChunk(provider), eol));
        return;
      }
      if (textChunks > 0 && b.chunkDelayMs) await sleep(b.chunkDelayMs, signal);
      if (signal.aborted) return;
      textChunks++;
    }
    res.write(encode(chunk, eol));
  }
  res.end();
}

function isTextChunk(provider: FakeProvider, chunk: SseChunk): boolean {
  if (provider === "anthropic")
    return chunk.event === "content_block_delta" && chunk.data.includes('"text_delta"');
  if (provider === "gemini") return true;
  return chunk.data.includes('"content":') && !chunk.data.includes('"role":"assistant"');
}

function encode(chunk: SseChunk, eol: string): string {
  return `${chunk.event ? `event: ${chunk.event}${eol}` : ""}data: ${chunk.data}${eol}${eol}`;
}

function successHeaders(provider: FakeProvider): Record<string, string> {
  if (provider === "openai") {
    return {
      "x-request-id": "req_fakeopenai0001",
      "openai-processing-ms": "42",
      "openai-version": "2020-10-01",
      "x-ratelimit-limit-requests": "10000",
      "x-ratelimit-remaining-requests": "9999",
      "x-ratelimit-reset-requests": "6ms",
    };
  }
  if (provider === "anthropic") {
    return {
      "request-id": "req_011CFakeAnthropicRequest",
      "anthropic-organization-id": "fake-org",
    };
  }
  return { vary: "Origin, X-Origin, Referer", "server-timing": "gfet4t7; dur=42" };
}

// ----------------------------------------------------------------------------------------------
// Plumbing

/** A signal aborted when the client goes away before the response has been sent. */
function connectionAlive(res: ServerResponse): AbortController {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
