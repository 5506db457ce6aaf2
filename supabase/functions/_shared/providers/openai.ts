/**
 * OpenAI Chat Completions: `POST {base}/chat/completions`, `Authorization: Bearer <key>`.
 * The base URL includes `/v1`, as in OpenAI's SDKs and their OPENAI_BASE_URL.
 *
 * - The output limit is sent as `max_completion_tokens` (`max_tokens` is deprecated and rejected
 *   by reasoning models).
 * - Streams ask for `stream_options: { include_usage: true }`: the last chunk before
 *   `data: [DONE]` then has `choices: []` and the usage.
 * - `usage.prompt_tokens` already includes `prompt_tokens_details.cached_tokens`.
 */
import {
  isRecord,
  kindForStatus,
  LABELS,
  malformedError,
  parseDuration,
  providerError,
  retryAfterFromHeaders,
  str,
  textDetail,
} from "./errors.ts";
import {
  type ChatRequest,
  type FinishReason,
  type NormalizedResponse,
  type ProviderAdapter,
  type ProviderError,
  ProviderResponseError,
  type SseEvent,
  type StreamParser,
  type StreamStep,
  type ToolCall,
  type Usage,
} from "./types.ts";
import { joinUrl, parseArguments } from "./util.ts";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function buildOpenAIBody(req: ChatRequest): Record<string, unknown> {
  const messages: { role: string; content: string }[] = [];
  if (req.system !== undefined && req.system !== "") {
    messages.push({ role: "system", content: req.system });
  }
  for (const m of req.messages) messages.push({ role: m.role, content: m.content });

  const body: Record<string, unknown> = { model: req.model, messages };
  const p = req.params;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.max_tokens !== undefined) body.max_completion_tokens = p.max_tokens;
  if (p.stop && p.stop.length > 0) body.stop = p.stop;
  if (p.tools && p.tools.length > 0) {
    body.tools = p.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
      },
    }));
  }
  if (req.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

function finishReason(value: unknown): FinishReason {
  switch (value) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}

function usageOf(value: unknown): Usage {
  if (!isRecord(value)) return { input: 0, output: 0, cached: 0 };
  const details = isRecord(value.prompt_tokens_details) ? value.prompt_tokens_details : {};
  return {
    input: count(value.prompt_tokens),
    output: count(value.completion_tokens),
    cached: count(details.cached_tokens),
  };
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function toolCallsOf(value: unknown): ToolCall[] {
  if (!Array.isArray(value)) return [];
  const calls: ToolCall[] = [];
  for (const call of value) {
    if (!isRecord(call) || !isRecord(call.function)) continue;
    calls.push({
      id: str(call.id) ?? `call_${calls.length}`,
      name: str(call.function.name) ?? "",
      arguments: parseArguments(call.function.arguments),
    });
  }
  return calls;
}

export function parseOpenAIResponse(body: unknown): NormalizedResponse {
  if (!isRecord(body) || !Array.isArray(body.choices)) {
    throw new ProviderResponseError("no choices in the completion");
  }
  const choice = body.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) {
    throw new ProviderResponseError("the first choice has no message");
  }
  const message = choice.message;
  return {
    text: typeof message.content === "string" ? message.content : "",
    tool_calls: toolCallsOf(message.tool_calls),
    finish_reason: finishReason(choice.finish_reason),
    provider_finish_reason: str(choice.finish_reason) ?? null,
    usage: usageOf(body.usage),
    model: str(body.model) ?? null,
    response_id: str(body.id) ?? null,
  };
}

interface PartialToolCall {
  id: string;
  name: string;
  args: string;
}

export function createOpenAIStreamParser(): StreamParser {
  let text = "";
  let finish: string | null = null;
  let usage: Usage = { input: 0, output: 0, cached: 0 };
  let model: string | null = null;
  let id: string | null = null;
  let complete = false;
  const tools = new Map<number, PartialToolCall>();

  return {
    push(event: SseEvent): StreamStep {
      const step: StreamStep = { deltas: [], content: false, done: false };
      if (event.data.trim() === "[DONE]") {
        complete = true;
        step.done = true;
        return step;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        step.error = malformedError(
          "openai",
          `stream data is not JSON: ${event.data.slice(0, 100)}`,
        );
        return step;
      }
      if (!isRecord(chunk)) return step;
      if (isRecord(chunk.error)) {
        step.error = mapOpenAIError(0, chunk);
        return step;
      }
      model ??= str(chunk.model) ?? null;
      id ??= str(chunk.id) ?? null;
      if (isRecord(chunk.usage)) usage = usageOf(chunk.usage);
      const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
      for (const choice of choices) {
        if (!isRecord(choice)) continue;
        const delta = isRecord(choice.delta) ? choice.delta : {};
        if (typeof delta.content === "string" && delta.content !== "") {
          text += delta.content;
          step.deltas.push(delta.content);
          step.content = true;
        }
        if (Array.isArray(delta.tool_calls)) {
          for (const fragment of delta.tool_calls) {
            if (!isRecord(fragment)) continue;
            const index = typeof fragment.index === "number" ? fragment.index : tools.size;
            const fn = isRecord(fragment.function) ? fragment.function : {};
            const call = tools.get(index) ?? { id: "", name: "", args: "" };
            call.id ||= str(fragment.id) ?? "";
            call.name ||= str(fn.name) ?? "";
            call.args += str(fn.arguments) ?? "";
            tools.set(index, call);
            step.content = true;
          }
        }
        if (typeof choice.finish_reason === "string") finish = choice.finish_reason;
      }
      return step;
    },
    summary() {
      const tool_calls = [...tools.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, call]) => ({
          id: call.id || `call_${index}`,
          name: call.name,
          arguments: parseArguments(call.args),
        }));
      return {
        text,
        tool_calls,
        finish_reason: finishReason(finish),
        provider_finish_reason: finish,
        usage,
        model,
        response_id: id,
        complete,
      };
    },
  };
}

/**
 * OpenAI errors are `{ error: { message, type, param, code } }`. 429 with code
 * `insufficient_quota` is a billing problem, not a rate limit: retrying will not help.
 */
export function mapOpenAIError(status: number, body: unknown, headers?: Headers): ProviderError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const type = str(error?.type);
  const code = str(error?.code);
  const detail = str(error?.message) ?? textDetail(body);
  let kind = status ? kindForStatus(status) : kindForType(type, code);
  if (code === "insufficient_quota") kind = "provider_error";
  const parts = {
    kind,
    detail,
    provider_status: status || undefined,
    provider_type: code ?? type,
    retry_after_seconds: kind === "rate_limited"
      ? openAIRetryAfter(headers, detail)
      : kind === "overloaded"
      ? retryAfterFromHeaders(headers)
      : undefined,
  };
  return providerError("openai", parts);
}

function kindForType(type: string | undefined, code: string | undefined) {
  if (code === "rate_limit_exceeded") return "rate_limited" as const;
  if (type === "invalid_request_error") return "invalid_request" as const;
  return "provider_error" as const;
}

/**
 * `retry-after-ms` / `retry-after` when present; else "Please try again in 1.5s" in the message;
 * else the `x-ratelimit-reset-*` of whichever limit has nothing remaining.
 */
function openAIRetryAfter(headers: Headers | undefined, detail: string | undefined) {
  const fromHeaders = retryAfterFromHeaders(headers);
  if (fromHeaders !== undefined) return fromHeaders;
  const hint = detail?.match(/try again in (\d+(?:\.\d+)?(?:ms|s|m|h)(?:\d+(?:\.\d+)?(?:ms|s))*)/);
  if (hint?.[1]) {
    const seconds = parseDuration(hint[1]);
    if (seconds !== undefined) return seconds;
  }
  for (const limit of ["requests", "tokens"]) {
    if (headers?.get(`x-ratelimit-remaining-${limit}`)?.trim() !== "0") continue;
    const reset = headers.get(`x-ratelimit-reset-${limit}`);
    const seconds = reset === null ? undefined : parseDuration(reset);
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}

export const openai: ProviderAdapter = {
  provider: "openai",
  label: LABELS.openai,
  defaultBaseUrl: OPENAI_DEFAULT_BASE_URL,
  baseUrlEnv: "OPENAI_BASE_URL",
  buildRequest(req, { apiKey, baseUrl }) {
    return new Request(joinUrl(baseUrl ?? OPENAI_DEFAULT_BASE_URL, "/chat/completions"), {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        accept: req.stream ? "text/event-stream" : "application/json",
      },
      body: JSON.stringify(buildOpenAIBody(req)),
    });
  },
  parseResponse: parseOpenAIResponse,
  createStreamParser: createOpenAIStreamParser,
  mapError: mapOpenAIError,
};
