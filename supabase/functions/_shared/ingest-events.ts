/**
 * The ingest event contract: what `POST /functions/v1/ingest` accepts, and the per-event
 * validation it applies before anything touches the database. docs/ingest-api.md is the prose
 * version of this file (its table of bad payloads is checked against `validateBatch` by
 * ingest-events.test.ts).
 *
 * Pure and schema-independent: no Deno APIs, no database, only `zod`. Node (vitest, the SDK's
 * tests, the SPA's CSV import) imports this file as it is.
 *
 *   const body = await readBatchBody(req);                 // 400 / 413 before parsing
 *   if (!body.ok) throw new HttpError(body.error.status, body.error.code, body.error.message);
 *   const batch = validateBatch(body.json, new Date());    // 413 / 422 for the batch as a whole
 *   if (!batch.ok) throw new HttpError(...batch.error);
 *   batch.results  // one per event, in order: { index, idempotency_key?, status, event | errors }
 *
 * A bad event never sinks the others: each event is valid or rejected on its own.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Limits

/** Most events one batch may carry; more is a 413. */
export const MAX_EVENTS_PER_BATCH = 1000;
/** Largest request body, in bytes (5 MB = 5 × 1024 × 1024); more is a 413. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** How far ahead of the server clock `occurred_at` may be (clock skew). */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** How old `occurred_at` may be, in calendar years. */
export const MAX_AGE_YEARS = 2;

export const LIMITS = {
  idempotencyKey: 200,
  /** conversation_id, end_user_id, account, external ids. */
  identifier: 256,
  /** provider, model, error_type, tool names. */
  name: 200,
  /** question and response text, each. */
  text: 100_000,
  errorMessage: 10_000,
  comment: 5_000,
  toolCalls: 200,
  /** metadata, serialized as JSON (UTF-8 bytes). */
  metadataBytes: 16_384,
  /** latency, time to first token, durations: 0 to 7 days in milliseconds. */
  durationMs: 7 * 24 * 60 * 60 * 1000,
  /** tokens_in/out/cached: a Postgres integer. */
  tokens: 2_147_483_647,
  costUsd: 1_000_000,
} as const;

export const EVENT_TYPES = ["run", "run_completed", "run_failed", "outcome", "feedback"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const RUN_STATUSES = ["ok", "error", "timeout", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const OUTCOME_SOURCES = ["api", "csv", "manual", "webhook", "hubspot"] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];

export const THUMBS = ["up", "down"] as const;

/** Capability, action and intent keys, as the taxonomy stores them (case-sensitive). */
export const TAXONOMY_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** Metric keys, as metric definitions store them. */
export const METRIC_KEY_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

// ---------------------------------------------------------------------------------------------
// Field schemas

/** No leading or trailing whitespace (the empty string is left to `min(1)`). */
const TRIMMED = /^(?:\S(?:[\s\S]*\S)?)?$/;
const TRIMMED_REASON = "must not start or end with whitespace";

/** Integers say "must be an integer" for any wrong type; the rest falls to `reasonFor`. */
const integerError = (issue: { code: string; input?: unknown }) =>
  issue.code === "invalid_type" && issue.input !== undefined ? "must be an integer" : undefined;

const text = (max: number) => z.string().min(1).max(max).regex(TRIMMED, { error: TRIMMED_REASON });
const uuid = z.guid();
const identifier = text(LIMITS.identifier);
const name = text(LIMITS.name);
const durationMs = z.number().min(0).max(LIMITS.durationMs);
const tokens = z.int({ error: integerError }).min(0).max(LIMITS.tokens);
const taxonomyKey = z.string().regex(TAXONOMY_KEY_PATTERN, {
  error:
    "must start with a letter and hold only letters, digits, '_', '.' or '-' (at most 64 characters)",
});
const metricKey = z.string().regex(METRIC_KEY_PATTERN, {
  error:
    "must be 2 to 63 lowercase letters, digits or '_', starting with a letter (a metric key, not its name)",
});
/** A JSON object. Its serialized size is checked by `validateEvent` (LIMITS.metadataBytes). */
const metadata = z.record(z.string(), z.unknown());

export const idempotencyKeySchema = text(LIMITS.idempotencyKey);
/** ISO 8601 with a timezone (`Z` or `±hh:mm`) and seconds; fractions allowed. */
export const timestampSchema = z.iso.datetime({ offset: true });

export const toolCallSchema = z.strictObject({
  name,
  duration_ms: durationMs.optional(),
  ok: z.boolean(),
});

/** One LLM call or agent run. `status` defaults to "ok". */
export const runSchema = z.strictObject({
  /** The run's id: a UUID the client generates, so outcomes and feedback can point at it. */
  id: uuid.optional(),
  /** The client's own id for the run (any string), as an alternative or in addition to `id`. */
  external_id: identifier.optional(),
  conversation_id: identifier.optional(),
  /** The organization's own end customer (seed 000's "workspace"). */
  account: identifier.optional(),
  end_user_id: identifier.optional(),
  capability: taxonomyKey.optional(),
  action: taxonomyKey.optional(),
  intent: taxonomyKey.optional(),
  experiment_id: uuid.optional(),
  variant_id: uuid.optional(),
  version_id: uuid.optional(),
  provider: name.optional(),
  model: name.optional(),
  latency_ms: durationMs.optional(),
  time_to_first_token_ms: durationMs.optional(),
  tokens_in: tokens.optional(),
  tokens_out: tokens.optional(),
  tokens_cached: tokens.optional(),
  /** An explicit cost wins over the organization's price table. */
  cost_usd: z.number().min(0).max(LIMITS.costUsd).optional(),
  status: z.enum(RUN_STATUSES).default("ok"),
  /** Required (with error_message) when status is "error"; not allowed when it is "ok". */
  error_type: name.optional(),
  error_message: text(LIMITS.errorMessage).optional(),
  /** Manual (a person asked) versus automated (a workflow asked). */
  is_manual: z.boolean().optional(),
  tool_calls: z.array(toolCallSchema).max(LIMITS.toolCalls).optional(),
  /** Stored, redacted or dropped according to the organization's setting. */
  question: z.string().max(LIMITS.text).optional(),
  response: z.string().max(LIMITS.text).optional(),
  metadata: metadata.optional(),
});

/** Which run a lifecycle event or feedback is about: `run_id`, `run_external_id` or both. */
const runReference = {
  run_id: uuid.optional(),
  run_external_id: identifier.optional(),
};

/** An agent run finished (seed 000's `agents:run_completed`). */
export const runCompletedSchema = z.strictObject({
  ...runReference,
  duration_ms: durationMs.optional(),
  metadata: metadata.optional(),
});

/** An agent run failed (seed 000's `agents:run_failed`). */
export const runFailedSchema = z.strictObject({
  ...runReference,
  duration_ms: durationMs.optional(),
  error_type: name,
  error_message: text(LIMITS.errorMessage),
  metadata: metadata.optional(),
});

/** A business outcome, linked to at least one of a run, a conversation, an end user, an account. */
export const outcomeSchema = z.strictObject({
  metric_key: metricKey,
  value: z.number(),
  ...runReference,
  conversation_id: identifier.optional(),
  end_user_id: identifier.optional(),
  account: identifier.optional(),
  source: z.enum(OUTCOME_SOURCES).default("api"),
  metadata: metadata.optional(),
});

/** Thumbs, a 1–5 rating and/or a comment (at least one) about a run. */
export const feedbackSchema = z.strictObject({
  ...runReference,
  thumbs: z.enum(THUMBS).optional(),
  rating: z.int({ error: integerError }).min(1).max(5).optional(),
  comment: z.string().min(1).max(LIMITS.comment).optional(),
  end_user_id: identifier.optional(),
  metadata: metadata.optional(),
});

const common = { idempotency_key: idempotencyKeySchema, occurred_at: timestampSchema };

// Each event carries its payload under the key named by its type.
export const runEventSchema = z.strictObject({
  type: z.literal("run"),
  ...common,
  run: runSchema,
});
export const runCompletedEventSchema = z.strictObject({
  type: z.literal("run_completed"),
  ...common,
  run_completed: runCompletedSchema,
});
export const runFailedEventSchema = z.strictObject({
  type: z.literal("run_failed"),
  ...common,
  run_failed: runFailedSchema,
});
export const outcomeEventSchema = z.strictObject({
  type: z.literal("outcome"),
  ...common,
  outcome: outcomeSchema,
});
export const feedbackEventSchema = z.strictObject({
  type: z.literal("feedback"),
  ...common,
  feedback: feedbackSchema,
});

export const eventSchemas = {
  run: runEventSchema,
  run_completed: runCompletedEventSchema,
  run_failed: runFailedEventSchema,
  outcome: outcomeEventSchema,
  feedback: feedbackEventSchema,
} as const;

/**
 * The event union, for types and for callers that want zod's own errors. The per-field reasons
 * clients see, and the cross-field and time rules, come from `validateEvent` / `validateBatch`.
 */
export const ingestEventSchema = z.discriminatedUnion("type", [
  runEventSchema,
  runCompletedEventSchema,
  runFailedEventSchema,
  outcomeEventSchema,
  feedbackEventSchema,
]);

export const ingestBatchSchema = z.strictObject({
  events: z.array(ingestEventSchema).max(MAX_EVENTS_PER_BATCH),
});

// Parsed (defaults applied) and input (what a client may send) types.
export type ToolCall = z.output<typeof toolCallSchema>;
export type Run = z.output<typeof runSchema>;
export type RunInput = z.input<typeof runSchema>;
export type RunCompleted = z.output<typeof runCompletedSchema>;
export type RunCompletedInput = z.input<typeof runCompletedSchema>;
export type RunFailed = z.output<typeof runFailedSchema>;
export type RunFailedInput = z.input<typeof runFailedSchema>;
export type Outcome = z.output<typeof outcomeSchema>;
export type OutcomeInput = z.input<typeof outcomeSchema>;
export type Feedback = z.output<typeof feedbackSchema>;
export type FeedbackInput = z.input<typeof feedbackSchema>;

export type RunEvent = z.output<typeof runEventSchema>;
export type RunCompletedEvent = z.output<typeof runCompletedEventSchema>;
export type RunFailedEvent = z.output<typeof runFailedEventSchema>;
export type OutcomeEvent = z.output<typeof outcomeEventSchema>;
export type FeedbackEvent = z.output<typeof feedbackEventSchema>;
export type IngestEvent = z.output<typeof ingestEventSchema>;

export type RunEventInput = z.input<typeof runEventSchema>;
export type RunCompletedEventInput = z.input<typeof runCompletedEventSchema>;
export type RunFailedEventInput = z.input<typeof runFailedEventSchema>;
export type OutcomeEventInput = z.input<typeof outcomeEventSchema>;
export type FeedbackEventInput = z.input<typeof feedbackEventSchema>;
export type IngestEventInput = z.input<typeof ingestEventSchema>;
export type IngestBatchInput = z.input<typeof ingestBatchSchema>;

// ---------------------------------------------------------------------------------------------
// Results

export interface FieldError {
  /** Path inside the event: "run.tokens_in", "run.tool_calls[2].ok"; "" for the event itself. */
  field: string;
  reason: string;
}

export type EventValidation =
  | { status: "valid"; idempotency_key: string; event: IngestEvent }
  | { status: "rejected"; idempotency_key?: string; errors: FieldError[] };

/** One result per event of a batch, in the batch's order. */
export type EventResult = { index: number } & EventValidation;

/** A problem with the batch as a whole: the request gets this status, no event is looked at. */
export interface BatchError {
  status: 400 | 413 | 422;
  code: "invalid_json" | "batch_too_large" | "validation_failed";
  message: string;
  details?: unknown;
}

export type BatchValidation =
  | { ok: true; results: EventResult[] }
  | { ok: false; error: BatchError };

/** What the ingest function answers for each event (docs/ingest-api.md, "Response"). */
export type IngestResult =
  | { index: number; idempotency_key: string; status: "accepted" | "duplicate"; id: string }
  | { index: number; idempotency_key?: string; status: "rejected"; errors: FieldError[] };

export interface IngestResponse {
  results: IngestResult[];
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Validates a parsed request body `{ events: [...] }`. Whole-batch problems (not an object, no
 * `events` array, unknown top-level fields, more than MAX_EVENTS_PER_BATCH events) give
 * `{ ok: false, error }`; otherwise every event gets its own result and a bad event never
 * affects the others. `now` is the server clock the timestamp window is measured from.
 */
export function validateBatch(json: unknown, now: Date): BatchValidation {
  if (!isPlainObject(json)) {
    return batchShapeError([{ path: "", message: "must be an object { events: [...] }" }]);
  }
  const unknownKeys = Object.keys(json).filter((key) => key !== "events");
  if (unknownKeys.length > 0) {
    return batchShapeError(
      unknownKeys.map((key) => ({ path: key, message: "is not a known field" })),
    );
  }
  const events = json.events;
  if (events === undefined || events === null) {
    return batchShapeError([{ path: "events", message: "is required" }]);
  }
  if (!Array.isArray(events)) {
    return batchShapeError([{ path: "events", message: "must be an array" }]);
  }
  if (events.length > MAX_EVENTS_PER_BATCH) {
    return {
      ok: false,
      error: {
        status: 413,
        code: "batch_too_large",
        message:
          `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}. ` +
          "Split it into smaller batches.",
        details: { max_events: MAX_EVENTS_PER_BATCH, events: events.length },
      },
    };
  }
  return {
    ok: true,
    results: events.map((event, index) => ({ index, ...validateEvent(event, now) })),
  };
}

function batchShapeError(details: { path: string; message: string }[]): BatchValidation {
  return {
    ok: false,
    error: {
      status: 422,
      code: "validation_failed",
      message: "The request body must be { events: [...] }.",
      details,
    },
  };
}

/** Validates one event. JSON `null` in a field means the same as leaving the field out. */
export function validateEvent(raw: unknown, now: Date): EventValidation {
  if (!isPlainObject(raw)) {
    return { status: "rejected", errors: [{ field: "", reason: "must be an object" }] };
  }
  const event = withoutNulls(raw);
  const key = idempotencyKeySchema.safeParse(event.idempotency_key).success
    ? (event.idempotency_key as string)
    : undefined;
  const errors: FieldError[] = [];

  const type = event.type;
  if (typeof type !== "string" || !(EVENT_TYPES as readonly string[]).includes(type)) {
    errors.push({
      field: "type",
      reason: type === undefined ? "is required" : `must be one of: ${EVENT_TYPES.join(", ")}`,
    });
    // Still report the common fields, so one round trip shows every problem it can.
    const common = z.object({
      idempotency_key: idempotencyKeySchema,
      occurred_at: timestampSchema,
    });
    errors.push(...zodErrors(common, event));
    errors.push(...timeWindowErrors(event.occurred_at, now));
    return rejected(key, errors);
  }

  const eventType = type as EventType;
  const payload = event[eventType];
  if (isPlainObject(payload)) {
    event[eventType] = withoutNulls(payload);
    if (eventType === "run" && Array.isArray(payload.tool_calls)) {
      (event.run as Record<string, unknown>).tool_calls = payload.tool_calls.map((call) =>
        isPlainObject(call) ? withoutNulls(call) : call
      );
    }
  }

  const schema = eventSchemas[eventType] as z.ZodType;
  const parsed = schema.safeParse(event, { reportInput: true, error: reasonFor });
  if (!parsed.success) errors.push(...toFieldErrors(parsed.error.issues));
  errors.push(...timeWindowErrors(event.occurred_at, now));
  const body = event[eventType];
  if (isPlainObject(body)) errors.push(...crossFieldErrors(eventType, body));

  if (errors.length > 0 || !parsed.success) return rejected(key, errors);
  return { status: "valid", idempotency_key: key as string, event: parsed.data as IngestEvent };
}

function rejected(key: string | undefined, errors: FieldError[]): EventValidation {
  const unique = errors.filter(
    (error, i) =>
      errors.findIndex((e) => e.field === error.field && e.reason === error.reason) === i,
  );
  return key === undefined
    ? { status: "rejected", errors: unique }
    : { status: "rejected", idempotency_key: key, errors: unique };
}

/** Rules across fields, checked whether or not the fields' own types were right. */
function crossFieldErrors(type: EventType, body: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const has = (field: string) => body[field] !== undefined;

  if (isPlainObject(body.metadata)) {
    const bytes = new TextEncoder().encode(JSON.stringify(body.metadata)).length;
    if (bytes > LIMITS.metadataBytes) {
      errors.push({
        field: `${type}.metadata`,
        reason: `must be at most ${LIMITS.metadataBytes} bytes as JSON (it is ${bytes})`,
      });
    }
  }

  switch (type) {
    case "run": {
      const status = body.status ?? "ok";
      if (status === "error") {
        for (const field of ["error_type", "error_message"]) {
          if (!has(field)) {
            errors.push({ field: `run.${field}`, reason: 'is required when status is "error"' });
          }
        }
      } else if (status === "ok") {
        for (const field of ["error_type", "error_message"]) {
          if (has(field)) {
            errors.push({ field: `run.${field}`, reason: 'must be left out when status is "ok"' });
          }
        }
      }
      const latency = body.latency_ms;
      const ttft = body.time_to_first_token_ms;
      if (typeof latency === "number" && typeof ttft === "number" && ttft > latency) {
        errors.push({
          field: "run.time_to_first_token_ms",
          reason: "must not be greater than latency_ms",
        });
      }
      break;
    }
    case "run_completed":
    case "run_failed":
    case "feedback":
      if (!has("run_id") && !has("run_external_id")) {
        errors.push({ field: type, reason: "needs run_id or run_external_id" });
      }
      if (type === "feedback" && !has("thumbs") && !has("rating") && !has("comment")) {
        errors.push({ field: type, reason: "needs thumbs, rating or comment" });
      }
      break;
    case "outcome": {
      const links = ["run_id", "run_external_id", "conversation_id", "end_user_id", "account"];
      if (!links.some(has)) {
        errors.push({
          field: "outcome",
          reason:
            "must be linked to a run_id, run_external_id, conversation_id, end_user_id or account",
        });
      }
      break;
    }
  }
  return errors;
}

/** `occurred_at` more than MAX_FUTURE_MS ahead of `now`, or more than MAX_AGE_YEARS old. */
function timeWindowErrors(value: unknown, now: Date): FieldError[] {
  if (typeof value !== "string" || !timestampSchema.safeParse(value).success) return [];
  const at = Date.parse(value);
  if (Number.isNaN(at)) return [];
  const ahead = at - now.getTime();
  if (ahead > MAX_FUTURE_MS) {
    return [{
      field: "occurred_at",
      reason: `occurred_at is ${humanDuration(ahead)} in the future`,
    }];
  }
  const oldest = new Date(now.getTime());
  oldest.setUTCFullYear(oldest.getUTCFullYear() - MAX_AGE_YEARS);
  if (at < oldest.getTime()) {
    return [{ field: "occurred_at", reason: `occurred_at is older than ${MAX_AGE_YEARS} years` }];
  }
  return [];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration rounded down to its largest whole unit: "6 minutes", "1 hour", "3 days", "2 years". */
export function humanDuration(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (ms >= 365 * DAY) return unit(Math.floor(ms / (365 * DAY)), "year");
  if (ms >= DAY) return unit(Math.floor(ms / DAY), "day");
  if (ms >= HOUR) return unit(Math.floor(ms / HOUR), "hour");
  if (ms >= MINUTE) return unit(Math.floor(ms / MINUTE), "minute");
  return unit(Math.floor(ms / 1000), "second");
}

/** zod issue → the reason clients see. Schema-level messages (patterns) take precedence. */
function reasonFor(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is required";
      const expected = issue.expected as string;
      if (expected === "number" && typeof issue.input === "number") {
        return "must be a finite number";
      }
      if (expected === "int") return "must be an integer";
      if (expected === "record" || expected === "object") return "must be an object";
      if (expected === "boolean") return "must be true or false";
      return `must be ${expected === "array" ? "an" : "a"} ${expected}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
      }
      if (issue.origin === "array") return `must have at least ${min} items`;
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `must be at most ${max} characters`;
      if (issue.origin === "array") return `must have at most ${max} items`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "invalid_format":
      if (issue.format === "guid" || issue.format === "uuid") return "must be a UUID";
      if (issue.format === "datetime") {
        return "must be an ISO 8601 timestamp with a timezone, like 2026-01-31T09:30:00Z";
      }
      return undefined;
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    default:
      return undefined;
  }
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ field: fieldPath([...issue.path, key]), reason: "is not a known field" });
      }
    } else {
      errors.push({ field: fieldPath(issue.path), reason: issue.message });
    }
  }
  return errors;
}

function zodErrors(schema: z.ZodType, value: unknown): FieldError[] {
  const parsed = schema.safeParse(value, { reportInput: true, error: reasonFor });
  return parsed.success ? [] : toFieldErrors(parsed.error.issues);
}

/** ["run", "tool_calls", 2, "ok"] → "run.tool_calls[2].ok". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A shallow copy without the keys whose value is null (null = "not given"). */
function withoutNulls(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== null) copy[key] = value;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Reading the body

export type BodyRead = { ok: true; json: unknown; bytes: number } | {
  ok: false;
  error: BatchError;
};

function tooManyBytes(bytes?: number): BodyRead {
  return {
    ok: false,
    error: {
      status: 413,
      code: "batch_too_large",
      message: `A batch is at most 5 MB (${MAX_BATCH_BYTES} bytes)` +
        (bytes === undefined ? "; this one is larger." : `; this one has ${bytes} bytes.`) +
        " Split it into smaller batches.",
      details: { max_bytes: MAX_BATCH_BYTES, ...(bytes === undefined ? {} : { bytes }) },
    },
  };
}

/**
 * A request body's bytes, never buffering more than MAX_BATCH_BYTES: a larger `content-length` is
 * refused before reading (`declared` says how large), and a body that streams past the limit is
 * cut off.
 */
export async function readBodyBytes(
  req: Request,
): Promise<{ ok: true; raw: Uint8Array } | { ok: false; declared?: number }> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BATCH_BYTES) return { ok: false, declared };

  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body) {
    const reader = req.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > MAX_BATCH_BYTES) {
        await reader.cancel().catch(() => {});
        return { ok: false };
      }
      chunks.push(value);
    }
  }
  const raw = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    raw.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, raw };
}

/**
 * Reads a request body of at most MAX_BATCH_BYTES (`readBodyBytes`) and parses it as JSON: 413
 * `batch_too_large` or 400 `invalid_json` otherwise.
 */
export async function readBatchBody(req: Request): Promise<BodyRead> {
  const body = await readBodyBytes(req);
  if (!body.ok) return tooManyBytes(body.declared);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body.raw);
    return { ok: true, json: JSON.parse(text), bytes: body.raw.byteLength };
  } catch {
    return {
      ok: false,
      error: {
        status: 400,
        code: "invalid_json",
        message: "The request body is not valid JSON (UTF-8).",
      },
    };
  }
}
