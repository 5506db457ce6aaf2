/**
 * Pieces shared by the adapters' `mapError`, plus the errors the gateway makes itself (timeouts,
 * unreachable providers, malformed bodies) and the conversion to an HTTP error for the caller.
 *
 * | kind            | caller status | when                                                        |
 * | --------------- | ------------- | ----------------------------------------------------------- |
 * | invalid_request | 400           | provider 400/404/409/413/422 (bad model, context too long)   |
 * | auth            | 401           | provider 401/403; Gemini 400 API_KEY_INVALID                 |
 * | rate_limited    | 429           | provider 429 (Retry-After passed on)                        |
 * | provider_error  | 502           | provider 500/502, other 5xx, quota/billing, unreachable,     |
 * |                 |               | malformed response, stream cut short                        |
 * | overloaded      | 503           | provider 503, Anthropic 529 overloaded_error                 |
 * | timeout         | 504           | no answer within the timeout; provider 408/504              |
 * | cancelled       | (499)         | the caller went away; only recorded, never sent             |
 */
import { HttpError } from "../http.ts";
import type { ErrorKind, ProviderError, ProviderName } from "./types.ts";

const MAX_MESSAGE_LENGTH = 500;

export const LABELS: Readonly<Record<ProviderName, string>> = Object.freeze({
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
});

const STATUS_BY_KIND: Readonly<Record<ErrorKind, ProviderError["status"]>> = Object.freeze({
  invalid_request: 400,
  auth: 401,
  rate_limited: 429,
  provider_error: 502,
  overloaded: 503,
  timeout: 504,
  cancelled: 499,
});

/** The kind for an upstream HTTP status, when the body says nothing more specific. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate_limited";
  if (status === 408 || status === 504) return "timeout";
  if (status === 503 || status === 529) return "overloaded";
  if (status >= 400 && status < 500) return "invalid_request";
  return "provider_error";
}

function prefix(label: string, kind: ErrorKind, providerStatus: number | undefined): string {
  switch (kind) {
    case "rate_limited":
      return `${label} rate limit exceeded`;
    case "auth":
      return `${label} rejected the organization's API key`;
    case "invalid_request":
      return `${label} rejected the request`;
    case "overloaded":
      return `${label} is overloaded`;
    case "timeout":
      return `${label} timed out`;
    case "cancelled":
      return `The ${label} call was cancelled`;
    case "provider_error":
      return providerStatus
        ? `${label} returned an error (HTTP ${providerStatus})`
        : `${label} returned an error`;
  }
}

export interface ErrorParts {
  kind: ErrorKind;
  /** The provider's own explanation. */
  detail?: string;
  provider_status?: number;
  provider_type?: string;
  retry_after_seconds?: number;
}

/** Builds a `ProviderError` whose message names the provider: "OpenAI rate limit exceeded: …". */
export function providerError(provider: ProviderName, parts: ErrorParts): ProviderError {
  const label = LABELS[provider];
  const detail = parts.detail?.trim();
  const head = prefix(label, parts.kind, parts.provider_status || undefined);
  const error: ProviderError = {
    provider,
    kind: parts.kind,
    status: STATUS_BY_KIND[parts.kind],
    message: truncate(detail ? `${head}: ${detail}` : `${head}.`),
  };
  if (parts.retry_after_seconds !== undefined) {
    error.retry_after_seconds = parts.retry_after_seconds;
  }
  if (parts.provider_status) error.provider_status = parts.provider_status;
  if (parts.provider_type) error.provider_type = parts.provider_type;
  return error;
}

function truncate(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH
    ? message
    : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/** The call did not finish within `timeoutMs`. */
export function timeoutError(
  provider: ProviderName,
  timeoutMs: number,
  phase: string,
): ProviderError {
  return providerError(provider, {
    kind: "timeout",
    detail: `no ${phase} within ${timeoutMs} ms`,
  });
}

/** The provider could not be reached (DNS, refused connection, TLS…). */
export function unreachableError(provider: ProviderName, cause: unknown): ProviderError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const head = `Could not reach ${LABELS[provider]}: ${reason}`;
  return { provider, kind: "provider_error", status: 502, message: truncate(head) };
}

/** The connection failed after the provider had started answering. */
export function interruptedError(provider: ProviderName, cause: unknown): ProviderError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const head = `The ${LABELS[provider]} response was interrupted: ${reason}`;
  return { provider, kind: "provider_error", status: 502, message: truncate(head) };
}

/** The caller went away before the provider answered. */
export function cancelledError(provider: ProviderName): ProviderError {
  return providerError(provider, { kind: "cancelled" });
}

/** A 2xx response whose body is not what the provider documents. */
export function malformedError(provider: ProviderName, detail: string): ProviderError {
  return {
    provider,
    kind: "provider_error",
    status: 502,
    message: truncate(`${LABELS[provider]} sent an unexpected response: ${detail}`),
  };
}

/** Replaces every occurrence of `secret` in the error's message (providers may echo a key). */
export function redactSecret(error: ProviderError, secret: string): ProviderError {
  if (secret.length < 4 || !error.message.includes(secret)) return error;
  return { ...error, message: error.message.split(secret).join("[redacted]") };
}

// ---------------------------------------------------------------------------------------------
// Retry hints

/**
 * Seconds to wait, from the standard headers: `retry-after-ms` (OpenAI), then `retry-after`
 * (seconds or an HTTP date). Undefined when neither is usable.
 */
export function retryAfterFromHeaders(
  headers: Headers | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return roundSeconds(Number(ms) / 1000);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return roundSeconds(Number(value));
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return roundSeconds(Math.max(0, (date - now) / 1000));
  return undefined;
}

/**
 * A Go-style duration as OpenAI's `x-ratelimit-reset-*` headers ("20ms", "1s", "6m0s", "1h2m3.5s")
 * and Google's JSON `Duration` ("37s", "0.5s") write them, in seconds.
 */
export function parseDuration(value: string): number | undefined {
  const text = value.trim();
  if (text === "" || !/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|h|m|s)/g)) {
    const n = Number(amount);
    seconds += unit === "h" ? n * 3600 : unit === "m" ? n * 60 : unit === "s" ? n : n / 1000;
  }
  return roundSeconds(seconds);
}

export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Small readers for untyped JSON

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** A non-JSON error body (an HTML page from a proxy, say), shortened to something readable. */
export function textDetail(body: unknown): string | undefined {
  if (typeof body !== "string") return undefined;
  const text = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text.slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// To the caller

/**
 * The `HttpError` the gateway throws for a provider failure: `{ error: { code, message, details } }`
 * with `code` = the kind, a `Retry-After` header (whole seconds) when the provider gave one, and
 * `details: { provider, provider_status?, provider_type?, retry_after_seconds? }`.
 */
export function toHttpError(error: ProviderError): HttpError {
  const details: Record<string, unknown> = { provider: error.provider };
  if (error.provider_status !== undefined) details.provider_status = error.provider_status;
  if (error.provider_type !== undefined) details.provider_type = error.provider_type;
  let headers: Record<string, string> | undefined;
  if (error.retry_after_seconds !== undefined) {
    details.retry_after_seconds = error.retry_after_seconds;
    headers = { "retry-after": String(Math.ceil(error.retry_after_seconds)) };
  }
  return new HttpError(error.status, error.kind, error.message, details, headers);
}
