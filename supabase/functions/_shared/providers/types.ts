/**
 * The gateway's provider-independent vocabulary: one request shape in, one response shape, one
 * stream of client events and one error shape out, whichever provider served the call.
 */

export const PROVIDERS = ["openai", "anthropic", "gemini"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** A function the model may call. `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ChatParams {
  temperature?: number;
  top_p?: number;
  /** Maximum output tokens. Anthropic requires one: it defaults to ANTHROPIC_DEFAULT_MAX_TOKENS. */
  max_tokens?: number;
  stop?: string[];
  tools?: ToolDefinition[];
}

/** The internal request every adapter turns into its provider's wire format. */
export interface ChatRequest {
  provider: ProviderName;
  model: string;
  system?: string;
  messages: ChatMessage[];
  params: ChatParams;
  stream: boolean;
}

/**
 * Token counts. `input` includes cached input tokens (`cached` is a subset of `input`), whatever
 * the provider's own convention: Anthropic reports cache reads and writes apart from
 * `input_tokens`, so they are added in. `output` includes reasoning/thinking tokens, which every
 * provider bills as output.
 */
export interface Usage {
  input: number;
  output: number;
  cached: number;
}

/**
 * A tool call the model asked for. `arguments` is the parsed JSON value; when a provider sent
 * arguments that are not valid JSON (OpenAI sends them as a string), it is that raw string.
 */
export interface ToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "other";

export interface NormalizedResponse {
  text: string;
  tool_calls: ToolCall[];
  finish_reason: FinishReason;
  /** The provider's own value (`end_turn`, `STOP`, `tool_calls`…), for the run record. */
  provider_finish_reason: string | null;
  usage: Usage;
  /** The model the provider says answered (often a dated snapshot of the one requested). */
  model: string | null;
  /** The provider's response id (`chatcmpl-…`, `msg_…`, Gemini `responseId`). */
  response_id: string | null;
}

export type ErrorKind =
  | "rate_limited"
  | "auth"
  | "invalid_request"
  | "timeout"
  | "overloaded"
  | "provider_error"
  | "cancelled";

/**
 * A provider failure, normalized. `status` is what the gateway returns to its caller; `message`
 * names the provider and carries its own explanation. `provider_status` and `provider_type` are
 * the upstream HTTP status and error type/code, for the failed run's record.
 * `cancelled` is never sent to a caller: it means the caller went away (its status is 499).
 */
export interface ProviderError {
  provider: ProviderName;
  kind: ErrorKind;
  status: 400 | 401 | 429 | 499 | 502 | 503 | 504;
  message: string;
  retry_after_seconds?: number;
  provider_status?: number;
  provider_type?: string;
}

/** The payload of the final `done` event of a stream. The gateway may add fields (cost, run id). */
export interface DoneData {
  usage: Usage;
  finish_reason: FinishReason;
  latency_ms: number;
  ttft_ms: number | null;
  [extra: string]: unknown;
}

/** The payload of an `error` event: the stream failed after it had started. */
export interface StreamErrorData {
  code: ErrorKind;
  message: string;
  status: number;
  retry_after_seconds?: number;
}

/** What the gateway streams to its caller, whichever provider is behind it. */
export type GatewayEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "tool_call"; data: ToolCall }
  | { event: "done"; data: DoneData }
  | { event: "error"; data: StreamErrorData };

/** One server-sent event as received from a provider. */
export interface SseEvent {
  event: string;
  data: string;
}

/** What one provider event produced. */
export interface StreamStep {
  /** Text to pass on, in order (empty strings are never included). */
  deltas: string[];
  /** True when the event carried output (text or a tool-call fragment): marks time to first token. */
  content: boolean;
  /** The provider said the stream is complete (`[DONE]`, `message_stop`). */
  done: boolean;
  /** The provider reported an error inside the stream. */
  error?: ProviderError;
}

/** What a stream produced once it ended. */
export interface StreamSummary extends NormalizedResponse {
  /** Whether the provider marked the response complete (a finish reason / terminal event). */
  complete: boolean;
}

/** Turns one provider's SSE events into deltas, keeping the state needed for the summary. */
export interface StreamParser {
  push(event: SseEvent): StreamStep;
  summary(): StreamSummary;
}

export interface BuildOptions {
  apiKey: string;
  /** Defaults to the provider's public endpoint (see each adapter's `defaultBaseUrl`). */
  baseUrl?: string;
}

export interface ProviderAdapter {
  readonly provider: ProviderName;
  /** Human name used in error messages: "OpenAI", "Anthropic", "Gemini". */
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** Environment variable that overrides `defaultBaseUrl`. */
  readonly baseUrlEnv: string;
  buildRequest(req: ChatRequest, options: BuildOptions): Request;
  /** Parses a non-streaming success body. Throws `ProviderResponseError` on an unexpected shape. */
  parseResponse(body: unknown): NormalizedResponse;
  createStreamParser(): StreamParser;
  /**
   * Maps an error response (or an error event inside a stream, with `status` 0) to a
   * `ProviderError`. `body` is the parsed JSON body, or the raw text when it was not JSON.
   */
  mapError(status: number, body: unknown, headers?: Headers): ProviderError;
}

/** A success response whose body is not what the provider documents. */
export class ProviderResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderResponseError";
  }
}
