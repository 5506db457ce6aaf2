/**
 * One provider call with a deadline: build the provider's request, send it, and return either the
 * normalized response, a stream of gateway events, or a normalized error. It never throws for a
 * provider failure.
 *
 * Timeouts (AbortSignal-based): `timeoutMs` bounds the wait for the response headers and, when not
 * streaming, the whole body. While streaming, `idleTimeoutMs` (default `timeoutMs`) bounds every
 * wait for the next chunk from the provider, so a long answer that keeps flowing is never cut,
 * but a stalled one is.
 *
 * Streams: `stream` yields `delta` events as the provider sends text, then any `tool_call`
 * events, then exactly one `done` or `error` event, and closes. `outcome` resolves when the
 * stream has ended (finished, failed, timed out, or cancelled by the consumer) with everything the
 * run record needs. The consumer must read `stream` to the end or cancel it; cancelling aborts
 * the provider request.
 */
import {
  cancelledError,
  interruptedError,
  malformedError,
  redactSecret,
  timeoutError,
  unreachableError,
} from "./errors.ts";
import { sseEventStream } from "./sse.ts";
import type {
  ChatRequest,
  FinishReason,
  GatewayEvent,
  NormalizedResponse,
  ProviderAdapter,
  ProviderError,
  SseEvent,
  ToolCall,
  Usage,
} from "./types.ts";
import { ProviderResponseError } from "./types.ts";
import { getAdapter } from "./registry.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface CallOptions {
  apiKey: string;
  /** Defaults to the provider's public endpoint; see `baseUrlFromEnv`. */
  baseUrl?: string;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  /** Injected for tests and instrumentation; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Aborting it (e.g. the client disconnected) cancels the provider call. */
  signal?: AbortSignal;
}

export interface CallTimings {
  /** When the call started (ISO 8601). */
  started_at: string;
  /** Milliseconds until the provider's response headers arrived (null when none did). */
  headers_ms: number | null;
  /** Milliseconds until the call finished: the whole body, the end of the stream, or the error. */
  latency_ms: number;
  /** Milliseconds until the first streamed output. Null when not streaming or nothing came. */
  ttft_ms: number | null;
}

export type RunStatus = "ok" | "error" | "timeout" | "cancelled";

/** Everything a finished stream produced, for the run record. */
export interface StreamOutcome {
  status: RunStatus;
  text: string;
  tool_calls: ToolCall[];
  usage: Usage;
  finish_reason: FinishReason;
  provider_finish_reason: string | null;
  model: string | null;
  response_id: string | null;
  timings: CallTimings;
  error?: ProviderError;
}

export type CallResult =
  | { ok: true; response: NormalizedResponse; timings: CallTimings }
  | {
    ok: true;
    stream: ReadableStream<GatewayEvent>;
    outcome: Promise<StreamOutcome>;
    timings: Pick<CallTimings, "started_at" | "headers_ms">;
  }
  | { ok: false; error: ProviderError; timings: CallTimings };

/** The run status a provider error is recorded with. */
export function runStatusFor(error: ProviderError): RunStatus {
  return error.kind === "timeout" ? "timeout" : error.kind === "cancelled" ? "cancelled" : "error";
}

export async function callProvider(req: ChatRequest, options: CallOptions): Promise<CallResult> {
  const adapter = getAdapter(req.provider);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? timeoutMs;
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const elapsed = () => Math.round(performance.now() - t0);

  const controller = new AbortController();
  let abortCause: "timeout" | "caller" | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      abortCause ??= "timeout";
      controller.abort(new DOMException(`No answer within ${ms} ms`, "TimeoutError"));
    }, ms);
  };
  const disarm = () => clearTimeout(timer);
  const onCallerAbort = () => {
    abortCause ??= "caller";
    controller.abort(options.signal?.reason);
  };
  const release = () => {
    disarm();
    options.signal?.removeEventListener("abort", onCallerAbort);
  };
  const fail = (error: ProviderError, headersMs: number | null): CallResult => {
    release();
    return {
      ok: false,
      error: redactSecret(error, options.apiKey),
      timings: {
        started_at: startedAt,
        headers_ms: headersMs,
        latency_ms: elapsed(),
        ttft_ms: null,
      },
    };
  };
  /** The error for a rejected fetch/read: ours (timeout, caller) or the network's. */
  const abortOrNetworkError = (
    err: unknown,
    phase: string,
    ms: number,
    started: boolean,
  ): ProviderError =>
    abortCause === "timeout"
      ? timeoutError(req.provider, ms, phase)
      : abortCause === "caller"
      ? cancelledError(req.provider)
      : started
      ? interruptedError(req.provider, err)
      : unreachableError(req.provider, err);

  if (options.signal?.aborted) return fail(cancelledError(req.provider), null);
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });

  arm(timeoutMs);
  let res: Response;
  try {
    const request = adapter.buildRequest(req, { apiKey: options.apiKey, baseUrl: options.baseUrl });
    res = await fetchFn(request, { signal: controller.signal });
  } catch (err) {
    return fail(abortOrNetworkError(err, "response", timeoutMs, false), null);
  }
  const headersMs = elapsed();

  if (!res.ok || !req.stream || res.body === null) {
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      return fail(abortOrNetworkError(err, "complete response", timeoutMs, true), headersMs);
    }
    const body = parseBody(text);
    if (!res.ok) return fail(adapter.mapError(res.status, body, res.headers), headersMs);
    let response: NormalizedResponse;
    try {
      if (typeof body === "string") throw new ProviderResponseError("the body is not JSON");
      response = adapter.parseResponse(body);
    } catch (err) {
      const detail = err instanceof ProviderResponseError ? err.message : String(err);
      return fail(malformedError(req.provider, detail), headersMs);
    }
    release();
    return {
      ok: true,
      response,
      timings: {
        started_at: startedAt,
        headers_ms: headersMs,
        latency_ms: elapsed(),
        ttft_ms: null,
      },
    };
  }

  disarm();
  return streamResult(adapter, res.body, {
    arm: () => arm(idleTimeoutMs),
    disarm,
    release,
    abort: (reason: unknown) => {
      abortCause ??= "caller";
      controller.abort(reason);
    },
    errorFor: (err: unknown) => abortOrNetworkError(err, "stream data", idleTimeoutMs, true),
    elapsed,
    startedAt,
    headersMs,
    apiKey: options.apiKey,
  });
}

interface StreamControls {
  arm(): void;
  disarm(): void;
  release(): void;
  abort(reason: unknown): void;
  errorFor(err: unknown): ProviderError;
  elapsed(): number;
  startedAt: string;
  headersMs: number;
  apiKey: string;
}

function streamResult(
  adapter: ProviderAdapter,
  body: ReadableStream<Uint8Array>,
  c: StreamControls,
): CallResult {
  const reader = body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(sseEventStream())
    .getReader();
  const parser = adapter.createStreamParser();
  let ttft: number | null = null;
  let finished = false;
  let resolveOutcome!: (outcome: StreamOutcome) => void;
  const outcome = new Promise<StreamOutcome>((resolve) => (resolveOutcome = resolve));

  const finish = (status: RunStatus, error?: ProviderError): StreamOutcome => {
    finished = true;
    c.release();
    const summary = parser.summary();
    const result: StreamOutcome = {
      status,
      text: summary.text,
      tool_calls: summary.tool_calls,
      usage: summary.usage,
      finish_reason: summary.finish_reason,
      provider_finish_reason: summary.provider_finish_reason,
      model: summary.model,
      response_id: summary.response_id,
      timings: {
        started_at: c.startedAt,
        headers_ms: c.headersMs,
        latency_ms: c.elapsed(),
        ttft_ms: ttft,
      },
    };
    if (error) result.error = redactSecret(error, c.apiKey);
    resolveOutcome(result);
    return result;
  };

  const end = (
    controller: ReadableStreamDefaultController<GatewayEvent>,
    status: RunStatus,
    error?: ProviderError,
  ) => {
    if (finished) return; // the consumer cancelled while a read was pending
    const result = finish(status, error);
    if (result.error && status !== "cancelled") {
      const data: Extract<GatewayEvent, { event: "error" }>["data"] = {
        code: result.error.kind,
        message: result.error.message,
        status: result.error.status,
      };
      if (result.error.retry_after_seconds !== undefined) {
        data.retry_after_seconds = result.error.retry_after_seconds;
      }
      controller.enqueue({ event: "error", data });
    } else if (status === "ok") {
      for (const call of result.tool_calls) controller.enqueue({ event: "tool_call", data: call });
      controller.enqueue({
        event: "done",
        data: {
          usage: result.usage,
          finish_reason: result.finish_reason,
          latency_ms: result.timings.latency_ms,
          ttft_ms: result.timings.ttft_ms,
        },
      });
    }
    controller.close();
    reader.cancel().catch(() => {});
  };

  const stream = new ReadableStream<GatewayEvent>({
    async pull(controller) {
      while (!finished) {
        let item: ReadableStreamReadResult<SseEvent>;
        c.arm();
        try {
          item = await reader.read();
        } catch (err) {
          const error = c.errorFor(err);
          end(controller, runStatusFor(error), error);
          return;
        } finally {
          c.disarm();
        }
        if (item.done) {
          if (parser.summary().complete) end(controller, "ok");
          else {
            end(
              controller,
              "error",
              malformedError(adapter.provider, "the stream ended before the response was complete"),
            );
          }
          return;
        }
        const step = parser.push(item.value);
        if (step.content && ttft === null) ttft = c.elapsed();
        for (const text of step.deltas) controller.enqueue({ event: "delta", data: { text } });
        if (step.error) return end(controller, "error", step.error);
        if (step.done) return end(controller, "ok");
        if (step.deltas.length > 0) return;
      }
    },
    cancel(reason) {
      if (finished) return;
      c.abort(reason);
      finish("cancelled", cancelledError(adapter.provider));
      reader.cancel(reason).catch(() => {});
    },
  });

  return {
    ok: true,
    stream,
    outcome,
    timings: { started_at: c.startedAt, headers_ms: c.headersMs },
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
