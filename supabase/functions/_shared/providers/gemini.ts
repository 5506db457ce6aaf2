/**
 * Google Gemini (Generative Language API): `POST {base}/v1beta/models/{model}:generateContent`,
 * or `:streamGenerateContent?alt=sse` for a stream, with the key in `x-goog-api-key`. The base
 * URL has no version, as in Google's SDKs.
 *
 * - Roles are `user` and `model`; the system prompt is `systemInstruction`.
 * - A stream is a sequence of `data: {GenerateContentResponse}` chunks (CRLF-separated); the last
 *   one has `finishReason` and the final `usageMetadata`. There is no terminal event.
 * - `promptTokenCount` includes `cachedContentTokenCount`; thinking tokens
 *   (`thoughtsTokenCount`) are billed as output and added to it.
 * - A wrong API key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
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
import { joinUrl } from "./util.ts";

export const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

export function geminiPath(model: string, stream: boolean): string {
  const name = encodeURIComponent(model.replace(/^models\//, ""));
  return stream
    ? `/v1beta/models/${name}:streamGenerateContent?alt=sse`
    : `/v1beta/models/${name}:generateContent`;
}

export function buildGeminiBody(req: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    contents: req.messages.map((m) => ({
      role: m.role === "assistant" ? "model" : "user",
      parts: [{ text: m.content }],
    })),
  };
  if (req.system !== undefined && req.system !== "") {
    body.systemInstruction = { parts: [{ text: req.system }] };
  }
  const p = req.params;
  const config: Record<string, unknown> = {};
  if (p.temperature !== undefined) config.temperature = p.temperature;
  if (p.top_p !== undefined) config.topP = p.top_p;
  if (p.max_tokens !== undefined) config.maxOutputTokens = p.max_tokens;
  if (p.stop && p.stop.length > 0) config.stopSequences = p.stop;
  if (Object.keys(config).length > 0) body.generationConfig = config;
  if (p.tools && p.tools.length > 0) {
    body.tools = [{
      functionDeclarations: p.tools.map((tool) => ({
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
      })),
    }];
  }
  return body;
}

function finishReason(value: unknown, hasToolCalls: boolean): FinishReason {
  switch (value) {
    case "STOP":
      return hasToolCalls ? "tool_calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content_filter";
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
      return "other";
    default:
      return hasToolCalls ? "tool_calls" : "other";
  }
}

function usageOf(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const n = (key: string) => typeof value[key] === "number" ? (value[key] as number) : 0;
  return {
    input: n("promptTokenCount") + n("toolUsePromptTokenCount"),
    output: n("candidatesTokenCount") + n("thoughtsTokenCount"),
    cached: n("cachedContentTokenCount"),
  };
}

interface CandidateParts {
  text: string;
  calls: ToolCall[];
  finish: string | undefined;
}

/** Text (thought summaries excluded) and function calls of the first candidate. */
function readCandidate(body: Record<string, unknown>, callOffset: number): CandidateParts {
  const candidate = Array.isArray(body.candidates) ? body.candidates[0] : undefined;
  const out: CandidateParts = { text: "", calls: [], finish: undefined };
  if (!isRecord(candidate)) return out;
  out.finish = str(candidate.finishReason);
  const content = isRecord(candidate.content) ? candidate.content : {};
  const parts = Array.isArray(content.parts) ? content.parts : [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (typeof part.text === "string" && part.thought !== true) out.text += part.text;
    if (isRecord(part.functionCall)) {
      out.calls.push({
        id: str(part.functionCall.id) ?? `call_${callOffset + out.calls.length}`,
        name: str(part.functionCall.name) ?? "",
        arguments: part.functionCall.args ?? {},
      });
    }
  }
  return out;
}

export function parseGeminiResponse(body: unknown): NormalizedResponse {
  if (!isRecord(body)) throw new ProviderResponseError("the response is not an object");
  const blocked = isRecord(body.promptFeedback) && str(body.promptFeedback.blockReason);
  if (!Array.isArray(body.candidates) && !blocked) {
    throw new ProviderResponseError("no candidates in the response");
  }
  const { text, calls, finish } = readCandidate(body, 0);
  return {
    text,
    tool_calls: calls,
    finish_reason: blocked && !finish ? "content_filter" : finishReason(finish, calls.length > 0),
    provider_finish_reason: finish ?? (blocked || null),
    usage: usageOf(body.usageMetadata) ?? { input: 0, output: 0, cached: 0 },
    model: str(body.modelVersion) ?? null,
    response_id: str(body.responseId) ?? null,
  };
}

export function createGeminiStreamParser(): StreamParser {
  let text = "";
  const calls: ToolCall[] = [];
  let finish: string | null = null;
  let blocked: string | null = null;
  let usage: Usage = { input: 0, output: 0, cached: 0 };
  let model: string | null = null;
  let id: string | null = null;

  return {
    push(event: SseEvent): StreamStep {
      const step: StreamStep = { deltas: [], content: false, done: false };
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        step.error = malformedError(
          "gemini",
          `stream data is not JSON: ${event.data.slice(0, 100)}`,
        );
        return step;
      }
      if (!isRecord(chunk)) return step;
      if (isRecord(chunk.error)) {
        step.error = mapGeminiError(0, chunk);
        return step;
      }
      model ??= str(chunk.modelVersion) ?? null;
      id ??= str(chunk.responseId) ?? null;
      usage = usageOf(chunk.usageMetadata) ?? usage;
      if (isRecord(chunk.promptFeedback) && str(chunk.promptFeedback.blockReason)) {
        blocked = str(chunk.promptFeedback.blockReason) ?? null;
      }
      const part = readCandidate(chunk, calls.length);
      if (part.text !== "") {
        text += part.text;
        step.deltas.push(part.text);
        step.content = true;
      }
      if (part.calls.length > 0) {
        calls.push(...part.calls);
        step.content = true;
      }
      if (part.finish) finish = part.finish;
      return step;
    },
    summary() {
      return {
        text,
        tool_calls: calls,
        finish_reason: blocked && !finish
          ? "content_filter"
          : finishReason(finish, calls.length > 0),
        provider_finish_reason: finish ?? blocked,
        usage,
        model,
        response_id: id,
        // No terminal event: the stream is complete when the last chunk had a finish reason.
        complete: finish !== null || blocked !== null,
      };
    },
  };
}

const KIND_BY_STATUS: ReadonlyMap<string, ErrorKind> = new Map([
  ["INVALID_ARGUMENT", "invalid_request"],
  ["FAILED_PRECONDITION", "invalid_request"],
  ["NOT_FOUND", "invalid_request"],
  ["OUT_OF_RANGE", "invalid_request"],
  ["UNAUTHENTICATED", "auth"],
  ["PERMISSION_DENIED", "auth"],
  ["RESOURCE_EXHAUSTED", "rate_limited"],
  ["UNAVAILABLE", "overloaded"],
  ["DEADLINE_EXCEEDED", "timeout"],
  ["INTERNAL", "provider_error"],
  ["UNKNOWN", "provider_error"],
]);

/**
 * Google errors are `{ error: { code, message, status, details[] } }`. `details` may hold an
 * ErrorInfo (reason API_KEY_INVALID) and, for quota errors, a RetryInfo with `retryDelay`.
 */
export function mapGeminiError(status: number, body: unknown, headers?: Headers): ProviderError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const grpcStatus = str(error?.status);
  const details = Array.isArray(error?.details) ? error.details.filter(isRecord) : [];
  const reason = details.map((d) => str(d.reason)).find((r) => r !== undefined);
  const httpStatus = status || (typeof error?.code === "number" ? error.code : 0);
  let kind: ErrorKind = (grpcStatus ? KIND_BY_STATUS.get(grpcStatus) : undefined) ??
    kindForStatus(httpStatus || 500);
  if (reason === "API_KEY_INVALID") kind = "auth";
  let retryAfter: number | undefined;
  if (kind === "rate_limited" || kind === "overloaded") {
    retryAfter = retryAfterFromHeaders(headers);
    const delay = details.map((d) => str(d.retryDelay)).find((d) => d !== undefined);
    if (retryAfter === undefined && delay) retryAfter = parseDuration(delay);
  }
  return providerError("gemini", {
    kind,
    detail: str(error?.message) ?? textDetail(body),
    provider_status: status || undefined,
    provider_type: reason ?? grpcStatus,
    retry_after_seconds: retryAfter,
  });
}

export const gemini: ProviderAdapter = {
  provider: "gemini",
  label: LABELS.gemini,
  defaultBaseUrl: GEMINI_DEFAULT_BASE_URL,
  baseUrlEnv: "GEMINI_BASE_URL",
  buildRequest(req, { apiKey, baseUrl }) {
    return new Request(
      joinUrl(baseUrl ?? GEMINI_DEFAULT_BASE_URL, geminiPath(req.model, req.stream)),
      {
        method: "POST",
        headers: {
          "x-goog-api-key": apiKey,
          "content-type": "application/json",
          accept: req.stream ? "text/event-stream" : "application/json",
        },
        body: JSON.stringify(buildGeminiBody(req)),
      },
    );
  },
  parseResponse: parseGeminiResponse,
  createStreamParser: createGeminiStreamParser,
  mapError: mapGeminiError,
};
