/**
 * @causeway/sdk: send LLM runs, agent lifecycle events, outcomes and feedback to Causeway, and
 * resolve the live prompt for a capability.
 *
 * Runs unchanged on Node 20+ and Deno: it uses only fetch, crypto.randomUUID, setTimeout,
 * TextEncoder and AbortSignal, and has no dependencies. Server-side only: the API key it holds
 * must never reach a browser.
 *
 * The wire format is docs/ingest-api.md; the server's schema is
 * supabase/functions/_shared/ingest-events.ts (the tests check these types against it).
 */

export const SDK_VERSION = "0.1.0";
/** Most events the ingest endpoint takes in one request. */
export const MAX_EVENTS_PER_BATCH = 1000;
/** Largest request body the ingest endpoint takes, in bytes (5 MB). */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Event types

export type EventType = "run" | "run_completed" | "run_failed" | "outcome" | "feedback";
export type RunStatus = "ok" | "error" | "timeout" | "cancelled";
export type OutcomeSource = "api" | "csv" | "manual" | "webhook" | "hubspot";
/** A JSON object. */
export type Metadata = Record<string, unknown>;

export interface ToolCall {
  name: string;
  duration_ms?: number;
  ok: boolean;
}

/** At least one of the keys K of T is required. */
type AtLeastOne<T, K extends keyof T = keyof T> = {
  [P in K]: Required<Pick<T, P>> & Partial<Omit<T, P>>;
}[K];

interface RunBase {
  /** A UUID you generate, so outcomes and feedback can point at the run. */
  id?: string;
  /** Your own id for the run (any string). */
  external_id?: string;
  conversation_id?: string;
  /** Your own end customer (the company or workspace the end user belongs to). */
  account?: string;
  end_user_id?: string;
  capability?: string;
  action?: string;
  intent?: string;
  experiment_id?: string;
  variant_id?: string;
  version_id?: string;
  provider?: string;
  model?: string;
  latency_ms?: number;
  time_to_first_token_ms?: number;
  tokens_in?: number;
  tokens_out?: number;
  tokens_cached?: number;
  /** Wins over the cost computed from the organization's price table. */
  cost_usd?: number;
  is_manual?: boolean;
  tool_calls?: ToolCall[];
  question?: string;
  response?: string;
  metadata?: Metadata;
}

/** A run's fields. `status` defaults to "ok"; an "error" needs error_type and error_message. */
export type RunFields = RunBase &
  (
    | { status?: "ok"; error_type?: never; error_message?: never }
    | { status: "error"; error_type: string; error_message: string }
    | { status: "timeout" | "cancelled"; error_type?: string; error_message?: string }
  );

interface RunReferenceFields {
  run_id?: string;
  run_external_id?: string;
}
/** Which run: `run_id`, `run_external_id` or both. */
export type RunReference = AtLeastOne<RunReferenceFields>;

export type RunCompletedFields = RunReference & {
  duration_ms?: number;
  metadata?: Metadata;
};

export type RunFailedFields = RunReference & {
  duration_ms?: number;
  error_type: string;
  error_message: string;
  metadata?: Metadata;
};

interface OutcomeLinkFields {
  run_id?: string;
  run_external_id?: string;
  conversation_id?: string;
  end_user_id?: string;
  account?: string;
}
/** What an outcome is linked to: at least one of these. */
export type OutcomeLink = AtLeastOne<OutcomeLinkFields>;

export type OutcomeFields = OutcomeLink & {
  metric_key: string;
  value: number;
  /** Default "api". */
  source?: OutcomeSource;
  metadata?: Metadata;
};

interface FeedbackContentFields {
  thumbs?: "up" | "down";
  /** An integer from 1 to 5. */
  rating?: number;
  comment?: string;
}
export type FeedbackFields = RunReference &
  AtLeastOne<FeedbackContentFields> & {
    end_user_id?: string;
    metadata?: Metadata;
  };

/** Options every track call takes. */
export interface EventOptions {
  /** Default: a new UUID (for a run: its id). Reused on every retry of the event. */
  idempotency_key?: string;
  /** Default: now. A Date or an ISO 8601 string with a time zone. */
  occurred_at?: string | Date;
}

export type TrackRunInput = RunFields & EventOptions;
export type TrackRunCompletedInput = RunCompletedFields & EventOptions;
export type TrackRunFailedInput = RunFailedFields & EventOptions;
export type TrackOutcomeInput = OutcomeFields & EventOptions;
export type TrackFeedbackInput = FeedbackFields & EventOptions;

interface Envelope<T extends EventType> {
  type: T;
  idempotency_key: string;
  occurred_at: string;
}
/** The events as they are sent (docs/ingest-api.md). */
export type RunEvent = Envelope<"run"> & { run: RunFields };
export type RunCompletedEvent = Envelope<"run_completed"> & { run_completed: RunCompletedFields };
export type RunFailedEvent = Envelope<"run_failed"> & { run_failed: RunFailedFields };
export type OutcomeEvent = Envelope<"outcome"> & { outcome: OutcomeFields };
export type FeedbackEvent = Envelope<"feedback"> & { feedback: FeedbackFields };
export type IngestEvent =
  RunEvent | RunCompletedEvent | RunFailedEvent | OutcomeEvent | FeedbackEvent;

// ---------------------------------------------------------------------------------------------
// Results and errors

export interface FieldError {
  /** Path inside the event, e.g. "run.tokens_in"; "" for the event itself. */
  field: string;
  reason: string;
}

export interface DeliveryFailure {
  /** e.g. "network_error", "http_500", "rate_limited", "invalid_api_key", "event_too_large". */
  code: string;
  message: string;
  /** The HTTP status, when there was a response. */
  http_status?: number;
}

/** What became of one tracked event. */
export type DeliveryResult =
  | { idempotency_key: string; type: EventType; status: "accepted" | "duplicate"; id: string }
  | { idempotency_key: string; type: EventType; status: "rejected"; errors: FieldError[] }
  | {
      idempotency_key: string;
      type: EventType;
      /** Not delivered. */
      status: "failed";
      error: DeliveryFailure;
      /** True: kept in the queue and sent again (same key) by the next flush. False: dropped. */
      requeued: boolean;
    };

export type CausewayErrorKind =
  /** The server rejected some events (field errors in `results`). Not retried. */
  | "rejected"
  /** The server refused a whole request (401, 403, 400, 422, ...). Its events are dropped. */
  | "request_failed"
  /** Network errors, 429s or 5xx outlasted `maxRetries`. The events stay queued. */
  | "retries_exhausted"
  /** Events that could not be queued: larger than a batch may be, not JSON, or a full queue. */
  | "dropped";

/** Passed to `onError`: what went wrong, and the results of the events concerned. */
export class CausewayError extends Error {
  readonly kind: CausewayErrorKind;
  readonly results: DeliveryResult[];

  constructor(kind: CausewayErrorKind, message: string, results: DeliveryResult[]) {
    super(message);
    this.name = "CausewayError";
    this.kind = kind;
    this.results = results;
  }
}

/** An error answer from a Causeway endpoint (`{ error: { code, message } }`), or no answer. */
export class CausewayApiError extends Error {
  /** The HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "CausewayApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// ---------------------------------------------------------------------------------------------
// Resolve

export interface ResolveInput {
  capability: string;
  action?: string;
  intent?: string;
  /** The unit an experiment assigns (an end user, a conversation): sticky per unit. */
  unit_id: string;
  /** Values for the prompt template's variables. */
  variables?: Record<string, unknown>;
}

export interface ResolveResult {
  prompt: string;
  provider: string;
  model: string;
  config: Record<string, unknown>;
  /** Set only when the unit was assigned to an active experiment. */
  experiment_id: string | null;
  variant_id: string | null;
  version_id: string;
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// The client

export interface CausewayOptions {
  /** An organization API key (`cw_…`) with the `ingest` scope (and `resolve` for resolve()). */
  apiKey: string;
  /** The Supabase project URL, e.g. https://<ref>.supabase.co (or …/functions/v1). */
  baseUrl: string;
  /** Queued events are sent at most this long after the first is tracked. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Events per request, 1 to 1000; reaching it flushes at once. Default 500. */
  maxBatchSize?: number;
  /** Retries of a request after a network error, a 429 or a 5xx. Default 5. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest backoff delay (a longer Retry-After is still honoured). Default 30 000 ms. */
  retryMaxDelayMs?: number;
  /** Per request. Default 15 000 ms. */
  requestTimeoutMs?: number;
  /** Events held at most; tracking more drops them (reported to onError). Default 100 000. */
  maxQueueSize?: number;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Rejected, failed and dropped events. Default: logged with console.error. */
  onError?: (error: CausewayError) => void;
  /**
   * Node: flush when the process is about to exit (`beforeExit`) and on SIGTERM (then let the
   * signal take its course unless the app has its own SIGTERM handler). The flush timer then no
   * longer keeps the process alive by itself.
   */
  flushOnExit?: boolean;
}

interface Queued {
  type: EventType;
  key: string;
  /** The event serialized once, so every retry sends the same bytes. */
  json: string;
  bytes: number;
}

type Attempt =
  | { kind: "done"; status: number; body: unknown }
  | { kind: "retry"; error: DeliveryFailure; retryAfterMs?: number }
  | { kind: "fatal"; error: DeliveryFailure; body?: unknown };

interface ProcessLike {
  pid: number;
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal?: string): unknown;
}

const ENVELOPE_BYTES = '{"events":[]}'.length;
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

export class Causeway {
  readonly #apiKey: string;
  readonly #functionsUrl: string;
  readonly #flushIntervalMs: number;
  readonly #maxBatchSize: number;
  readonly #maxRetries: number;
  readonly #retryBaseDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #requestTimeoutMs: number;
  readonly #maxQueueSize: number;
  readonly #fetch: typeof fetch;
  readonly #onError: (error: CausewayError) => void;
  readonly #unrefTimer: boolean;

  #queue: Queued[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;
  #exitHooks: { process: ProcessLike; beforeExit: () => void; sigterm: () => void } | undefined;

  constructor(options: CausewayOptions) {
    if (!options.apiKey) throw new TypeError("Causeway: apiKey is required.");
    if (!options.baseUrl) throw new TypeError("Causeway: baseUrl is required.");
    const maxBatchSize = options.maxBatchSize ?? 500;
    if (
      !Number.isInteger(maxBatchSize) ||
      maxBatchSize < 1 ||
      maxBatchSize > MAX_EVENTS_PER_BATCH
    ) {
      throw new RangeError(
        `Causeway: maxBatchSize must be an integer from 1 to ${MAX_EVENTS_PER_BATCH}.`,
      );
    }
    this.#apiKey = options.apiKey;
    const base = options.baseUrl.replace(/\/+$/, "");
    this.#functionsUrl = /\/functions\/v1$/.test(base) ? base : `${base}/functions/v1`;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#maxBatchSize = maxBatchSize;
    this.#maxRetries = options.maxRetries ?? 5;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.#retryMaxDelayMs = options.retryMaxDelayMs ?? 30_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#maxQueueSize = options.maxQueueSize ?? 100_000;
    const customFetch = options.fetch;
    this.#fetch = customFetch ?? ((input, init) => fetch(input, init));
    this.#onError =
      options.onError ??
      ((error) => console.error(`[causeway] ${error.kind}: ${error.message}`, error.results));
    this.#unrefTimer = options.flushOnExit === true;
    if (options.flushOnExit) this.#installExitHooks();
  }

  /** Events waiting to be sent. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Queues an LLM call or agent run. Returns its idempotency key: unless you pass one, that is
   * the run's id (generated when you pass neither `id` nor `external_id`), so outcomes and
   * feedback can use the returned value as their `run_id`.
   */
  trackRun(input: TrackRunInput): string {
    const { idempotency_key, occurred_at, ...fields } = input;
    let run: RunFields = fields;
    if (run.id === undefined && run.external_id === undefined) run = { ...run, id: randomId() };
    const key = idempotency_key ?? run.id ?? randomId();
    return this.#enqueue({
      type: "run",
      idempotency_key: key,
      occurred_at: isoTime(occurred_at),
      run,
    });
  }

  /** Queues the end of an agent run. Returns the idempotency key. */
  trackRunCompleted(input: TrackRunCompletedInput): string {
    const { idempotency_key, occurred_at, ...fields } = input;
    return this.#enqueue({
      type: "run_completed",
      idempotency_key: idempotency_key ?? randomId(),
      occurred_at: isoTime(occurred_at),
      run_completed: fields,
    });
  }

  /** Queues the failure of an agent run. Returns the idempotency key. */
  trackRunFailed(input: TrackRunFailedInput): string {
    const { idempotency_key, occurred_at, ...fields } = input;
    return this.#enqueue({
      type: "run_failed",
      idempotency_key: idempotency_key ?? randomId(),
      occurred_at: isoTime(occurred_at),
      run_failed: fields,
    });
  }

  /** Queues a business outcome. Returns the idempotency key. */
  trackOutcome(input: TrackOutcomeInput): string {
    const { idempotency_key, occurred_at, ...fields } = input;
    return this.#enqueue({
      type: "outcome",
      idempotency_key: idempotency_key ?? randomId(),
      occurred_at: isoTime(occurred_at),
      outcome: fields,
    });
  }

  /** Queues feedback on a run. Returns the idempotency key. */
  trackFeedback(input: TrackFeedbackInput): string {
    const { idempotency_key, occurred_at, ...fields } = input;
    return this.#enqueue({
      type: "feedback",
      idempotency_key: idempotency_key ?? randomId(),
      occurred_at: isoTime(occurred_at),
      feedback: fields,
    });
  }

  /**
   * Sends everything queued now, after any flush already under way, and resolves with a result
   * per event it sent. Never rejects: failures are results (and go to onError).
   */
  flush(): Promise<DeliveryResult[]> {
    this.#clearTimer();
    const run = this.#chain.then(() => this.#drain());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Stops the timer, removes the exit hooks and flushes. Events tracked afterwards are still
   * sent, each at once.
   */
  shutdown(): Promise<DeliveryResult[]> {
    this.#closed = true;
    this.#removeExitHooks();
    return this.flush();
  }

  /**
   * The live prompt, provider, model and config for a capability (optionally narrowed by action
   * and intent), with the experiment variant `unit_id` is assigned to. Needs the `resolve`
   * scope. Throws CausewayApiError. Retries network errors, 429s and 5xx (default twice).
   */
  async resolve(
    input: ResolveInput,
    options: { signal?: AbortSignal; maxRetries?: number } = {},
  ): Promise<ResolveResult> {
    const maxRetries = options.maxRetries ?? Math.min(this.#maxRetries, 2);
    const body = JSON.stringify(input);
    for (let attempt = 0; ; attempt++) {
      const result = await this.#post("resolve", body, options.signal);
      if (result.kind === "done") return result.body as ResolveResult;
      if (result.kind === "fatal" || attempt >= maxRetries || options.signal?.aborted) {
        const error = result.kind === "fatal" ? errorOf(result.body) : undefined;
        throw new CausewayApiError(
          result.error.http_status ?? 0,
          error?.code ?? result.error.code,
          error?.message ?? result.error.message,
          error?.details,
        );
      }
      await sleep(this.#retryDelay(attempt, result.retryAfterMs));
    }
  }

  // -- queue ------------------------------------------------------------------------------------

  #enqueue(event: IngestEvent): string {
    const key = event.idempotency_key;
    const dropped = (code: string, message: string) => {
      const result: DeliveryResult = {
        idempotency_key: key,
        type: event.type,
        status: "failed",
        error: { code, message },
        requeued: false,
      };
      this.#report("dropped", message, [result]);
      return key;
    };
    let json: string;
    try {
      json = JSON.stringify(event);
    } catch (error) {
      return dropped("not_json", `The ${event.type} event is not JSON: ${messageOf(error)}`);
    }
    const bytes = utf8Length(json);
    if (bytes + ENVELOPE_BYTES > MAX_BATCH_BYTES) {
      return dropped(
        "event_too_large",
        `The ${event.type} event is ${bytes} bytes; a batch is at most ${MAX_BATCH_BYTES}.`,
      );
    }
    if (this.#queue.length >= this.#maxQueueSize) {
      return dropped("queue_full", `The queue already holds ${this.#maxQueueSize} events.`);
    }
    this.#queue.push({ type: event.type, key, json, bytes });
    if (this.#closed || this.#queue.length >= this.#maxBatchSize) void this.flush();
    else this.#schedule();
    return key;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#flushIntervalMs);
    if (this.#unrefTimer) (this.#timer as { unref?: () => void }).unref?.();
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #drain(): Promise<DeliveryResult[]> {
    const taken = this.#queue.splice(0);
    const results: DeliveryResult[] = [];
    const requeue: Queued[] = [];
    for (const batch of this.#batches(taken)) {
      const sent = await this.#sendBatch(batch);
      sent.forEach((result, i) => {
        if (result.status === "failed" && result.requeued) requeue.push(batch[i]!);
      });
      results.push(...sent);
    }
    if (requeue.length > 0) {
      this.#queue.unshift(...requeue);
      if (!this.#closed) this.#schedule();
    }

    const rejected = results.filter((r) => r.status === "rejected");
    if (rejected.length > 0) {
      this.#report("rejected", `${rejected.length} event(s) were rejected.`, rejected);
    }
    const failed = results.filter((r) => r.status === "failed");
    const kept = failed.filter((r) => r.status === "failed" && r.requeued);
    const lost = failed.filter((r) => r.status === "failed" && !r.requeued);
    if (lost.length > 0) {
      const first = lost[0]!;
      const reason = first.status === "failed" ? first.error.message : "";
      this.#report("request_failed", `${lost.length} event(s) were refused: ${reason}`, lost);
    }
    if (kept.length > 0) {
      const first = kept[0]!;
      const reason = first.status === "failed" ? first.error.message : "";
      this.#report(
        "retries_exhausted",
        `${kept.length} event(s) could not be delivered yet and stay queued: ${reason}`,
        kept,
      );
    }
    return results;
  }

  /** Consecutive batches of at most maxBatchSize events and MAX_BATCH_BYTES. */
  *#batches(events: Queued[]): Generator<Queued[]> {
    let batch: Queued[] = [];
    let bytes = ENVELOPE_BYTES;
    for (const event of events) {
      const added = event.bytes + (batch.length > 0 ? 1 : 0);
      if (
        batch.length >= this.#maxBatchSize ||
        (batch.length > 0 && bytes + added > MAX_BATCH_BYTES)
      ) {
        yield batch;
        batch = [];
        bytes = ENVELOPE_BYTES;
      }
      bytes += event.bytes + (batch.length > 0 ? 1 : 0);
      batch.push(event);
    }
    if (batch.length > 0) yield batch;
  }

  async #sendBatch(batch: Queued[]): Promise<DeliveryResult[]> {
    const body = `{"events":[${batch.map((event) => event.json).join(",")}]}`;
    let last: DeliveryFailure = { code: "not_sent", message: "Not sent." };
    for (let attempt = 0; ; attempt++) {
      const result = await this.#post("ingest", body);
      if (result.kind === "done") {
        const mapped = mapResults(batch, result.body);
        if (mapped) return mapped;
        last = {
          code: "invalid_response",
          message: "The ingest response did not hold a result for every event.",
          http_status: result.status,
        };
      } else if (result.kind === "fatal") {
        if (result.error.http_status === 413 && batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          return [
            ...(await this.#sendBatch(batch.slice(0, half))),
            ...(await this.#sendBatch(batch.slice(half))),
          ];
        }
        return batch.map((event) => failedResult(event, result.error, false));
      } else {
        last = result.error;
      }
      if (attempt >= this.#maxRetries) return batch.map((event) => failedResult(event, last, true));
      await sleep(
        this.#retryDelay(attempt, result.kind === "retry" ? result.retryAfterMs : undefined),
      );
    }
  }

  /** One POST. Network errors, 408, 429 and 5xx are worth retrying; other statuses are not. */
  async #post(name: "ingest" | "resolve", body: string, signal?: AbortSignal): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.#requestTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#functionsUrl}/${name}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.#apiKey}`,
          "content-type": "application/json",
          "x-client-info": `causeway-sdk/${SDK_VERSION}`,
        },
        body,
        signal: signal ? anySignal([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      return { kind: "retry", error: { code: "network_error", message: messageOf(error) } };
    }
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (parsed === undefined) {
        return {
          kind: "retry",
          error: {
            code: "invalid_response",
            message: "The response is not JSON.",
            http_status: status,
          },
        };
      }
      return { kind: "done", status, body: parsed };
    }
    const error = errorOf(parsed);
    const failure: DeliveryFailure = {
      code: error?.code ?? `http_${status}`,
      message: error?.message ?? `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`,
      http_status: status,
    };
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
      return { kind: "retry", error: failure, retryAfterMs };
    }
    return { kind: "fatal", error: failure, body: parsed };
  }

  #retryDelay(attempt: number, retryAfterMs: number | undefined): number {
    const backoff = backoffDelay(attempt, this.#retryBaseDelayMs, this.#retryMaxDelayMs);
    return retryAfterMs === undefined ? backoff : Math.max(backoff, retryAfterMs);
  }

  #report(kind: CausewayErrorKind, message: string, results: DeliveryResult[]): void {
    try {
      this.#onError(new CausewayError(kind, message, results));
    } catch (error) {
      console.error("[causeway] onError threw:", error);
    }
  }

  // -- process exit (Node) ------------------------------------------------------------------------

  #installExitHooks(): void {
    const process = (globalThis as { process?: ProcessLike }).process;
    if (!process || typeof process.on !== "function") return;
    const beforeExit = () => {
      if (this.#queue.length > 0) void this.flush();
    };
    const sigterm = () => {
      void this.shutdown().finally(() => {
        // Our listener replaced Node's default "exit on SIGTERM". If nobody else handles the
        // signal, raise it again now that it has no listeners, so the process ends as it would
        // have.
        if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
      });
    };
    process.on("beforeExit", beforeExit);
    process.on("SIGTERM", sigterm);
    this.#exitHooks = { process, beforeExit, sigterm };
  }

  #removeExitHooks(): void {
    const hooks = this.#exitHooks;
    if (!hooks) return;
    hooks.process.removeListener("beforeExit", hooks.beforeExit);
    hooks.process.removeListener("SIGTERM", hooks.sigterm);
    this.#exitHooks = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported for tests and for callers that build their own loop)

/**
 * Exponential backoff with jitter: base × 2^attempt, capped at `max`, then scaled by a random
 * factor from 0.5 to 1 so clients that failed together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  base: number,
  max: number,
  random = Math.random,
): number {
  const ceiling = Math.min(max, base * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** `Retry-After` (delta-seconds or an HTTP date) in milliseconds from `nowMs`; undefined if absent. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

function mapResults(batch: Queued[], body: unknown): DeliveryResult[] | undefined {
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return undefined;
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const result of results) {
    if (typeof result === "object" && result !== null && typeof result.index === "number") {
      byIndex.set(result.index, result as Record<string, unknown>);
    }
  }
  const mapped: DeliveryResult[] = [];
  for (const [index, event] of batch.entries()) {
    const result = byIndex.get(index);
    if (!result) return undefined;
    if (result.idempotency_key !== undefined && result.idempotency_key !== event.key)
      return undefined;
    const base = { idempotency_key: event.key, type: event.type };
    if (
      (result.status === "accepted" || result.status === "duplicate") &&
      typeof result.id === "string"
    ) {
      mapped.push({ ...base, status: result.status, id: result.id });
    } else if (result.status === "rejected" && Array.isArray(result.errors)) {
      mapped.push({ ...base, status: "rejected", errors: result.errors as FieldError[] });
    } else {
      return undefined;
    }
  }
  return mapped;
}

function failedResult(event: Queued, error: DeliveryFailure, requeued: boolean): DeliveryResult {
  return { idempotency_key: event.key, type: event.type, status: "failed", error, requeued };
}

function errorOf(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  return { code, message, details };
}

function isoTime(value: string | Date | undefined): string {
  if (value === undefined) return new Date().toISOString();
  return typeof value === "string" ? value : value.toISOString();
}

function randomId(): string {
  return crypto.randomUUID();
}

const encoder = new TextEncoder();
function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const native = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof native === "function") return native.call(AbortSignal, signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
