/**
 * Anthropic Messages: `POST {base}/v1/messages` with `x-api-key` and
 * `anthropic-version: 2023-06-01`. The base URL has no `/v1`, as in Anthropic's SDKs and their
 * ANTHROPIC_BASE_URL.
 *
 * - `max_tokens` is required: ANTHROPIC_DEFAULT_MAX_TOKENS when the version sets none.
 * - The system prompt is the top-level `system`, never a message.
 * - `usage.input_tokens` excludes cache reads and writes; the normalized `input` adds both back
 *   so that `cached` is a subset of `input` for every provider.
 * - Streams are typed events: message_start (input usage) → content_block_start/delta/stop …
 *   → message_delta (stop_reason, cumulative output_tokens) → message_stop; `ping` any time;
 *   `error` (e.g. overloaded_error) may arrive mid-stream.
 */
import {
  isRecord,
  kindForStatus,
  LABELS,
  malformedError,
  providerError,
  retryAfterFromHeaders,
  str,
  textDetail,
} from "./errors.ts";
import {
  type ChatRequest,
  type ErrorKind,
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

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export function buildAnthropicBody(req: ChatRequest): Record<string, unknown> {
  const p = req.params;
  const body: Record<string, unknown> = {
    model: req.model,
    max_tokens: p.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (req.system !== undefined && req.system !== "") body.system = req.system;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.stop && p.stop.length > 0) body.stop_sequences = p.stop;
  if (p.tools && p.tools.length > 0) {
    body.tools = p.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      input_schema: tool.parameters ?? { type: "object", properties: {} },
    }));
  }
  if (req.stream) body.stream = true;
  return body;
}

function finishReason(value: unknown): FinishReason {
  switch (value) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "other";
  }
}

/** Reads an Anthropic usage object over `base` (stream events carry partial usage). */
function usageOf(value: unknown, base: RawUsage = emptyUsage()): RawUsage {
  if (!isRecord(value)) return base;
  const pick = (key: string, fallback: number) =>
    typeof value[key] === "number" ? (value[key] as number) : fallback;
  return {
    input: pick("input_tokens", base.input),
    output: pick("output_tokens", base.output),
    cacheRead: pick("cache_read_input_tokens", base.cacheRead),
    cacheWrite: pick("cache_creation_input_tokens", base.cacheWrite),
  };
}

interface RawUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

function emptyUsage(): RawUsage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
}

function normalizeUsage(raw: RawUsage): Usage {
  return {
    input: raw.input + raw.cacheRead + raw.cacheWrite,
    output: raw.output,
    cached: raw.cacheRead,
  };
}

export function parseAnthropicResponse(body: unknown): NormalizedResponse {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new ProviderResponseError("no content in the message");
  }
  let text = "";
  const tool_calls: ToolCall[] = [];
  for (const block of body.content) {
    if (!isRecord(block)) continue;
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    if (block.type === "tool_use") {
      tool_calls.push({
        id: str(block.id) ?? `call_${tool_calls.length}`,
        name: str(block.name) ?? "",
        arguments: block.input ?? {},
      });
    }
  }
  return {
    text,
    tool_calls,
    finish_reason: finishReason(body.stop_reason),
    provider_finish_reason: str(body.stop_reason) ?? null,
    usage: normalizeUsage(usageOf(body.usage)),
    model: str(body.model) ?? null,
    response_id: str(body.id) ?? null,
  };
}

export function createAnthropicStreamParser(): StreamParser {
  let text = "";
  let usage = emptyUsage();
  let stop: string | null = null;
  let model: string | null = null;
  let id: string | null = null;
  let complete = false;
  const tools = new Map<number, { id: string; name: string; json: string; input: unknown }>();

  return {
    push(event: SseEvent): StreamStep {
      const step: StreamStep = { deltas: [], content: false, done: false };
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        step.error = malformedError(
          "anthropic",
          `stream data is not JSON: ${event.data.slice(0, 100)}`,
        );
        return step;
      }
      if (!isRecord(data)) return step;
      const type = event.event !== "message" ? event.event : str(data.type);
      switch (type) {
        case "message_start": {
          const message = isRecord(data.message) ? data.message : {};
          model = str(message.model) ?? null;
          id = str(message.id) ?? null;
          usage = usageOf(message.usage, usage);
          break;
        }
        case "content_block_start": {
          const block = isRecord(data.content_block) ? data.content_block : {};
          const index = typeof data.index === "number" ? data.index : tools.size;
          if (block.type === "tool_use") {
            tools.set(index, {
              id: str(block.id) ?? "",
              name: str(block.name) ?? "",
              json: "",
              input: block.input,
            });
            step.content = true;
          } else if (block.type === "text" && typeof block.text === "string" && block.text) {
            text += block.text;
            step.deltas.push(block.text);
            step.content = true;
          }
          break;
        }
        case "content_block_delta": {
          const delta = isRecord(data.delta) ? data.delta : {};
          if (delta.type === "text_delta" && typeof delta.text === "string" && delta.text) {
            text += delta.text;
            step.deltas.push(delta.text);
            step.content = true;
          } else if (delta.type === "input_json_delta") {
            const tool = tools.get(typeof data.index === "number" ? data.index : -1);
            if (tool) tool.json += str(delta.partial_json) ?? "";
            step.content = true;
          }
          break;
        }
        case "message_delta": {
          const delta = isRecord(data.delta) ? data.delta : {};
          if (typeof delta.stop_reason === "string") stop = delta.stop_reason;
          usage = usageOf(data.usage, usage);
          break;
        }
        case "message_stop":
          complete = true;
          step.done = true;
          break;
        case "error":
          step.error = mapAnthropicError(0, data);
          break;
          // ping, content_block_stop and event types added later carry nothing we need.
      }
      return step;
    },
    summary() {
      const tool_calls = [...tools.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, tool]) => ({
          id: tool.id || `call_${index}`,
          name: tool.name,
          arguments: tool.json !== "" ? parseArguments(tool.json) : (tool.input ?? {}),
        }));
      return {
        text,
        tool_calls,
        finish_reason: finishReason(stop),
        provider_finish_reason: stop,
        usage: normalizeUsage(usage),
        model,
        response_id: id,
        complete,
      };
    },
  };
}

const KIND_BY_TYPE: ReadonlyMap<string, ErrorKind> = new Map([
  ["invalid_request_error", "invalid_request"],
  ["not_found_error", "invalid_request"],
  ["request_too_large", "invalid_request"],
  ["authentication_error", "auth"],
  ["permission_error", "auth"],
  ["rate_limit_error", "rate_limited"],
  ["overloaded_error", "overloaded"],
  ["timeout_error", "timeout"],
  ["api_error", "provider_error"],
  ["billing_error", "provider_error"],
]);

/** Anthropic errors are `{ type: "error", error: { type, message }, request_id }`. */
export function mapAnthropicError(status: number, body: unknown, headers?: Headers): ProviderError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const type = str(error?.type);
  const detail = str(error?.message) ?? textDetail(body);
  const kind = (type ? KIND_BY_TYPE.get(type) : undefined) ?? kindForStatus(status || 500);
  return providerError("anthropic", {
    kind,
    detail,
    provider_status: status || undefined,
    provider_type: type,
    retry_after_seconds: kind === "rate_limited" || kind === "overloaded"
      ? retryAfterFromHeaders(headers)
      : undefined,
  });
}

export const anthropic: ProviderAdapter = {
  provider: "anthropic",
  label: LABELS.anthropic,
  defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL,
  baseUrlEnv: "ANTHROPIC_BASE_URL",
  buildRequest(req, { apiKey, baseUrl }) {
    return new Request(joinUrl(baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL, "/v1/messages"), {
      method: "POST",
      headers: {
        "x-api-key": apiKey,
        "anthropic-version": ANTHROPIC_VERSION,
        "content-type": "application/json",
        accept: req.stream ? "text/event-stream" : "application/json",
      },
      body: JSON.stringify(buildAnthropicBody(req)),
    });
  },
  parseResponse: parseAnthropicResponse,
  createStreamParser: createAnthropicStreamParser,
  mapError: mapAnthropicError,
};
