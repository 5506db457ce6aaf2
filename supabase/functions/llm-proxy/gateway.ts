/**
 * The LLM gateway's request handling, with its database calls injected (`GatewayDeps`) so the
 * same code runs in production (index.ts: `gateway_prepare` / `gateway_record_runs` through
 * PostgREST) and in the Deno tests (in-memory stand-ins, real provider fakes).
 *
 * One request: authenticate and serve (one RPC: key, live version, variant, exposure, the
 * organization's encrypted provider key and the model's price) → decrypt the provider key →
 * call the provider (streaming or not) → answer → record the run after the answer has gone out
 * (`waitUntil`), so recording never adds to the caller's latency. Every call that got as far as
 * serving is recorded, failures included. Contract: docs/llm-gateway.md.
 */
import { z } from "zod";
import { DecryptionError, decryptSecret, type KeyRing } from "../_shared/crypto.ts";
import { HttpError, json, parseJsonBody, requireMethod } from "../_shared/http.ts";
import { LIMITS, type RunEventInput } from "../_shared/ingest-events.ts";
import { costFromUsage, type PriceRow } from "../_shared/pricing.ts";
import {
  callProvider,
  type CallTimings,
  type ChatMessage,
  type ChatRequest,
  encodeSseStream,
  type NormalizedResponse,
  type ProviderError,
  type ProviderName,
  PROVIDERS,
  runStatusFor,
  SSE_HEADERS,
  toHttpError,
  type ToolDefinition,
  type Usage,
} from "../_shared/providers/mod.ts";
import { MAX_API_KEY_LENGTH, servingRequestShape } from "../_shared/serving-request.ts";

const MAX_MESSAGES = 200;
const MAX_METADATA_BYTES = 8_192;

const identifier = z
  .string()
  .min(1, "must not be empty")
  .max(LIMITS.identifier, `must be at most ${LIMITS.identifier} characters`);

export const ProxyRequest = z.strictObject({
  ...servingRequestShape,
  messages: z
    .array(
      z.strictObject({
        role: z.enum(["user", "assistant"]),
        content: z.string().min(1, "must not be empty").max(LIMITS.text),
      }),
    )
    .max(MAX_MESSAGES, `at most ${MAX_MESSAGES} messages`)
    .refine((messages) => messages.length === 0 || messages.at(-1)?.role === "user", {
      message: "must end with a user message",
    })
    .default([]),
  stream: z.boolean().default(false),
  /** Recorded on the run, so outcomes can be attributed to it. */
  conversation_id: identifier.optional(),
  account: identifier.optional(),
  end_user_id: identifier.optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine(
      (value) => new TextEncoder().encode(JSON.stringify(value)).length <= MAX_METADATA_BYTES,
      {
        message: `must be at most ${MAX_METADATA_BYTES} bytes as JSON`,
      },
    )
    .optional(),
});
export type ProxyRequest = z.infer<typeof ProxyRequest>;

/** What `public.gateway_prepare` answers when it may go on. */
export interface Prepared {
  status: "ok";
  prompt: string | null;
  provider: ProviderName;
  model: string;
  config: {
    system_prompt: string | null;
    temperature: number | null;
    top_p: number | null;
    max_tokens: number | null;
    stop_sequences: string[] | null;
    tools: unknown[] | null;
  };
  experiment_id: string | null;
  variant_id: string | null;
  variant_key: string | null;
  version_id: string;
  organization_id: string;
  provider_key: { id: string; ciphertext: string } | null;
  price: PriceRow | null;
}

/** gateway_prepare's refusals, or `Prepared`. */
export type PrepareResult = Prepared | {
  status: string;
  message?: string;
  problems?: string[];
  scope?: Record<string, string | null>;
  organization_id?: string;
  prompt?: string | null;
  provider?: string;
  model?: string;
  version_id?: string;
  experiment_id?: string | null;
  variant_id?: string | null;
  /** With key_rate_limited: the key's limit and when to retry. */
  limit?: { calls_per_second: number; burst: number };
  retry_after_seconds?: number;
};

export interface GatewayDeps {
  prepare(apiKey: string, body: ProxyRequest): Promise<PrepareResult>;
  /** Stores runs (ingest events) for the organization. May throw; it is retried. */
  record(organizationId: string, events: RunEventInput[]): Promise<void>;
  keyRing(): KeyRing;
  baseUrl(provider: ProviderName): string;
  timeoutMs: number;
  /** Keeps the function alive until `promise` settles (EdgeRuntime.waitUntil on hosted). */
  waitUntil(promise: Promise<unknown>): void;
  fetch?: typeof fetch;
  /** Delays between recording attempts; default 0.2 s, 1 s. */
  recordRetryDelaysMs?: number[];
}

const unauthorized = { "www-authenticate": 'Bearer realm="causeway", charset="UTF-8"' };

const REFUSALS: Record<string, number> = {
  invalid_api_key: 401,
  revoked_api_key: 401,
  missing_scope: 403,
  unknown_scope: 404,
  no_live_version: 404,
  invalid_variables: 422,
  unsupported_provider: 409,
  key_rate_limited: 429,
};

/** The org API key from `Authorization: Bearer`, else from `x-api-key`. */
export function presentedApiKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) return bearer;
  return req.headers.get("x-api-key")?.trim() || undefined;
}

/**
 * What is sent to the provider: the version's system prompt, then its rendered prompt, as the
 * system instruction, followed by the caller's messages; with no messages, the rendered prompt
 * is the one user message. Sampling parameters, stop sequences and tools come from the version.
 */
export function chatRequestFor(prepared: Prepared, body: ProxyRequest): ChatRequest {
  const prompt = prepared.prompt?.trim() ? prepared.prompt : null;
  const systemPrompt = prepared.config.system_prompt?.trim() ? prepared.config.system_prompt : null;
  let system: string | undefined;
  let messages: ChatMessage[];
  if (body.messages.length > 0) {
    system = [systemPrompt, prompt].filter((part) => part !== null).join("\n\n") || undefined;
    messages = body.messages;
  } else {
    if (prompt === null) {
      throw new HttpError(
        422,
        "validation_failed",
        "The live version has no prompt text, so send the conversation as messages.",
        [{ path: "messages", message: "must not be empty when the version has no prompt" }],
      );
    }
    system = systemPrompt ?? undefined;
    messages = [{ role: "user", content: prompt }];
  }
  const config = prepared.config;
  const params: ChatRequest["params"] = {};
  if (config.temperature !== null) params.temperature = Number(config.temperature);
  if (config.top_p !== null) params.top_p = Number(config.top_p);
  if (config.max_tokens !== null) params.max_tokens = Number(config.max_tokens);
  if (config.stop_sequences?.length) params.stop = config.stop_sequences;
  const tools = (config.tools ?? []).filter(isToolDefinition);
  if (tools.length > 0) params.tools = tools;
  return {
    provider: prepared.provider,
    model: prepared.model,
    ...(system === undefined ? {} : { system }),
    messages,
    params,
    stream: body.stream,
  };
}

function isToolDefinition(value: unknown): value is ToolDefinition {
  return typeof value === "object" && value !== null &&
    typeof (value as { name?: unknown }).name === "string";
}

/** Cost from the price row gateway_prepare returned (numbers may arrive as strings). */
export function costFor(usage: Usage, price: PriceRow | null): number | null {
  if (!price) return null;
  return costFromUsage(usage, {
    ...price,
    input_per_mtok: Number(price.input_per_mtok),
    output_per_mtok: Number(price.output_per_mtok),
    cached_input_per_mtok: price.cached_input_per_mtok === null
      ? null
      : Number(price.cached_input_per_mtok),
  });
}

/** Everything the run record needs besides the call's own result. */
export interface RunContext {
  runId: string;
  occurredAt: string;
  body: ProxyRequest;
  question: string;
  provider: string | null;
  model: string | null;
  experiment_id: string | null;
  variant_id: string | null;
  version_id: string | null;
}

export interface RunResult {
  status: "ok" | "error" | "timeout" | "cancelled";
  latency_ms?: number;
  ttft_ms?: number | null;
  usage?: Usage;
  cost_usd?: number | null;
  error_type?: string;
  error_message?: string;
  response?: string;
  gateway?: Record<string, unknown>;
}

const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max));

/** The ingest `run` event for one gateway call (docs/ingest-api.md). */
export function runEvent(context: RunContext, result: RunResult): RunEventInput {
  const { body } = context;
  const run: RunEventInput["run"] = {
    id: context.runId,
    capability: body.capability,
    status: result.status,
    is_manual: false,
    question: clip(context.question, LIMITS.text),
    metadata: { ...body.metadata, unit_id: body.unit_id, gateway: result.gateway ?? {} },
  };
  if (body.action) run.action = body.action;
  if (body.intent) run.intent = body.intent;
  if (body.conversation_id) run.conversation_id = body.conversation_id;
  if (body.account) run.account = body.account;
  if (body.end_user_id) run.end_user_id = body.end_user_id;
  if (context.experiment_id) run.experiment_id = context.experiment_id;
  if (context.variant_id) run.variant_id = context.variant_id;
  if (context.version_id) run.version_id = context.version_id;
  if (context.provider) run.provider = context.provider;
  if (context.model) run.model = context.model;
  if (result.latency_ms !== undefined) run.latency_ms = result.latency_ms;
  if (result.ttft_ms !== undefined && result.ttft_ms !== null) {
    run.time_to_first_token_ms = result.ttft_ms;
  }
  if (result.usage) {
    run.tokens_in = result.usage.input;
    run.tokens_out = result.usage.output;
    run.tokens_cached = result.usage.cached;
  }
  if (result.cost_usd !== undefined && result.cost_usd !== null) run.cost_usd = result.cost_usd;
  if (result.status !== "ok") {
    run.error_type = clip(result.error_type ?? "gateway_error", LIMITS.name);
    run.error_message = clip(result.error_message ?? "The call failed.", LIMITS.errorMessage);
  }
  if (result.response) run.response = clip(result.response, LIMITS.text);
  return {
    type: "run",
    idempotency_key: `llm-proxy:${context.runId}`,
    occurred_at: context.occurredAt,
    run,
  };
}

function providerFailure(error: ProviderError, timings: CallTimings | undefined): RunResult {
  const result: RunResult = {
    status: runStatusFor(error),
    error_type: error.kind,
    error_message: error.message,
    gateway: {
      ...(error.provider_status === undefined ? {} : { provider_status: error.provider_status }),
      ...(error.provider_type === undefined ? {} : { provider_type: error.provider_type }),
    },
  };
  if (timings) result.latency_ms = timings.latency_ms;
  return result;
}

/** The HttpError for a provider failure, with the run's id in its details and a header. */
function failedCall(error: ProviderError, runId: string): HttpError {
  const http = toHttpError(error);
  return new HttpError(
    http.status,
    http.code,
    http.message,
    { ...(http.details as Record<string, unknown>), run_id: runId },
    { ...(http.headers as Record<string, string> | undefined), "x-causeway-run-id": runId },
  );
}

function withRunId(error: HttpError, runId: string): HttpError {
  return new HttpError(
    error.status,
    error.code,
    error.message,
    { ...(error.details as Record<string, unknown> | undefined), run_id: runId },
    { ...(error.headers as Record<string, string> | undefined), "x-causeway-run-id": runId },
  );
}

export function createGateway(deps: GatewayDeps): (req: Request) => Promise<Response> {
  const delays = deps.recordRetryDelaysMs ?? [200, 1_000];

  /** Records in the background, retrying with the same idempotency key. */
  function record(organizationId: string, event: RunEventInput): void {
    const attempt = async () => {
      for (let i = 0;; i++) {
        try {
          await deps.record(organizationId, [event]);
          return;
        } catch (err) {
          if (i >= delays.length) {
            console.error(`llm-proxy: could not record run ${event.run.id}:`, err);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, delays[i]));
        }
      }
    };
    deps.waitUntil(attempt());
  }

  return async (req: Request): Promise<Response> => {
    const started = performance.now();
    requireMethod(req, "POST");
    const apiKey = presentedApiKey(req);
    if (!apiKey || apiKey.length > MAX_API_KEY_LENGTH) {
      throw new HttpError(
        401,
        apiKey ? "invalid_api_key" : "missing_api_key",
        "Send an org API key with the proxy scope as Authorization: Bearer (or x-api-key).",
        undefined,
        unauthorized,
      );
    }
    const body = await parseJsonBody(req, ProxyRequest);

    const prepareStarted = performance.now();
    const prepared = await deps.prepare(apiKey, body);
    const dbMs = performance.now() - prepareStarted;

    const runId = crypto.randomUUID();
    const occurredAt = new Date().toISOString();
    const context: RunContext = {
      runId,
      occurredAt,
      body,
      question: body.messages.at(-1)?.content ?? prepared.prompt ?? "",
      provider: prepared.provider ?? null,
      model: prepared.model ?? null,
      experiment_id: prepared.experiment_id ?? null,
      variant_id: prepared.variant_id ?? null,
      version_id: prepared.version_id ?? null,
    };
    const failBeforeCall = (error: HttpError, organizationId: string): never => {
      record(
        organizationId,
        runEvent(context, {
          status: "error",
          error_type: error.code,
          error_message: error.message,
        }),
      );
      throw withRunId(error, runId);
    };

    if (prepared.status !== "ok") {
      const refusal = prepared as Exclude<PrepareResult, Prepared>;
      const status = REFUSALS[refusal.status];
      if (!status) throw new Error(`gateway_prepare returned an unknown status: ${refusal.status}`);
      const error = new HttpError(
        status,
        refusal.status,
        refusal.message ?? refusal.status,
        refusal.problems
          ? refusal.problems.map((message) => ({ path: "variables", message }))
          : refusal.scope
          ? { scope: refusal.scope }
          : refusal.limit
          ? { limit: refusal.limit, retry_after_seconds: refusal.retry_after_seconds }
          : undefined,
        status === 401
          ? unauthorized
          : refusal.retry_after_seconds
          ? { "retry-after": String(refusal.retry_after_seconds) }
          : undefined,
      );
      // Served but not callable (a `custom` provider): that call is a failed run.
      if (refusal.status === "unsupported_provider" && refusal.organization_id) {
        failBeforeCall(error, refusal.organization_id);
      }
      throw error;
    }
    const served = prepared as Prepared;

    if (!(PROVIDERS as readonly string[]).includes(served.provider)) {
      throw new Error(`gateway_prepare served an unknown provider: ${served.provider}`);
    }
    const chat = (() => {
      try {
        return chatRequestFor(served, body);
      } catch (err) {
        if (err instanceof HttpError) failBeforeCall(err, served.organization_id);
        throw err;
      }
    })();
    if (!served.provider_key) {
      failBeforeCall(
        new HttpError(
          409,
          "no_provider_key",
          `The organization has no active ${served.provider} key: an engineer or admin must add one under Settings → Provider keys.`,
          { provider: served.provider },
        ),
        served.organization_id,
      );
    }
    let providerApiKey: string;
    try {
      providerApiKey = await decryptSecret(served.provider_key!.ciphertext, deps.keyRing(), {
        aad: `${served.organization_id}:${served.provider}`,
      });
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      console.error(`llm-proxy: provider key ${served.provider_key!.id}: ${err.message}`);
      return failBeforeCall(
        new HttpError(
          500,
          "server_misconfigured",
          `The organization's ${served.provider} key cannot be decrypted with the gateway's PROVIDER_KEYS_SECRET: an engineer or admin must rotate it.`,
        ),
        served.organization_id,
      );
    }

    const gatewayMs = performance.now() - started;
    const result = await callProvider(chat, {
      apiKey: providerApiKey,
      baseUrl: deps.baseUrl(served.provider),
      timeoutMs: deps.timeoutMs,
      signal: req.signal,
      fetch: deps.fetch,
    });
    const ids = {
      run_id: runId,
      experiment_id: served.experiment_id,
      variant_id: served.variant_id,
      version_id: served.version_id,
    };
    const headers = {
      "x-causeway-run-id": runId,
      "cache-control": "no-store",
      "server-timing": `db;dur=${dbMs.toFixed(2)}, gateway;dur=${gatewayMs.toFixed(2)}`,
    };

    if (!result.ok) {
      record(
        served.organization_id,
        runEvent(context, providerFailure(result.error, result.timings)),
      );
      throw failedCall(result.error, runId);
    }

    if ("response" in result) {
      const response: NormalizedResponse = result.response;
      const cost = costFor(response.usage, served.price);
      record(
        served.organization_id,
        runEvent(context, {
          status: "ok",
          latency_ms: result.timings.latency_ms,
          usage: response.usage,
          cost_usd: cost,
          response: response.text,
          gateway: gatewayDetails(response, served),
        }),
      );
      return json(
        {
          text: response.text,
          tool_calls: response.tool_calls,
          finish_reason: response.finish_reason,
          usage: response.usage,
          cost_usd: cost,
          ...ids,
          variant_key: served.variant_key,
          provider: served.provider,
          model: response.model ?? served.model,
          latency_ms: result.timings.latency_ms,
        },
        { headers },
      );
    }

    result.outcome.then((outcome) => {
      const failed = outcome.error ? providerFailure(outcome.error, outcome.timings) : undefined;
      record(
        served.organization_id,
        runEvent(context, {
          ...(failed ?? { status: outcome.status }),
          status: outcome.status,
          latency_ms: outcome.timings.latency_ms,
          ttft_ms: outcome.timings.ttft_ms,
          usage: outcome.usage,
          cost_usd: costFor(outcome.usage, served.price),
          response: outcome.text,
          gateway: { ...failed?.gateway, ...gatewayDetails(outcome, served) },
        }),
      );
    });
    const body$ = encodeSseStream(result.stream, {
      decorateDone: (done) => ({
        cost_usd: costFor(done.usage, served.price),
        ...ids,
        variant_key: served.variant_key,
      }),
    });
    return new Response(body$, { headers: { ...SSE_HEADERS, ...headers } });
  };
}

function gatewayDetails(
  response: Pick<
    NormalizedResponse,
    "finish_reason" | "provider_finish_reason" | "model" | "response_id" | "tool_calls"
  >,
  served: Prepared,
): Record<string, unknown> {
  const details: Record<string, unknown> = {
    finish_reason: response.finish_reason,
    provider_finish_reason: response.provider_finish_reason,
    response_model: response.model,
    response_id: response.response_id,
    variant_key: served.variant_key,
  };
  if (response.tool_calls.length > 0) {
    details.requested_tools = response.tool_calls.map((call) => call.name);
  }
  return details;
}
