/**
 * Outcome rows: the flat shape in which outcomes arrive from people and other systems (the app's
 * CSV upload and manual form through `record_outcomes`, signed webhooks through the
 * `outcomes-webhook` function). docs/outcomes.md describes it.
 *
 *   { "idempotency_key": "order-1042", "metric_key": "average_order_value", "value": 129.9,
 *     "occurred_at": "2026-03-02T14:05:00Z", "account": "northwind" }
 *
 * A row is validated by the ingest contract itself (`validateEvent` on the equivalent `outcome`
 * event), so the field rules, the timestamp window and the reasons are those of the ingest API.
 * The database checks every row again (`private.write_outcomes`): the browser is not trusted.
 *
 * Pure: no Deno APIs; the SPA imports it as "@shared/outcome-rows.ts".
 */
import { type FieldError, LIMITS, type OutcomeEvent, validateEvent } from "./ingest-events.ts";

/** Most rows one `record_outcomes` call or one webhook delivery may carry. */
export const MAX_OUTCOME_ROWS = 1000;

export const OUTCOME_LINK_FIELDS = [
  "run_id",
  "run_external_id",
  "conversation_id",
  "end_user_id",
  "account",
] as const;
export type OutcomeLinkField = (typeof OUTCOME_LINK_FIELDS)[number];

export interface OutcomeRow {
  idempotency_key: string;
  metric_key: string;
  value: number;
  /** ISO 8601 with a time zone. */
  occurred_at: string;
  run_id?: string;
  run_external_id?: string;
  conversation_id?: string;
  end_user_id?: string;
  account?: string;
  metadata?: Record<string, unknown>;
}

export type OutcomeRowValidation =
  | { status: "valid"; row: OutcomeRow }
  | { status: "rejected"; idempotency_key?: string; errors: FieldError[] };

/** What `record_outcomes` and the webhook answer for each row, in order. */
export type OutcomeRowResult =
  | { index: number; status: "accepted" | "duplicate"; id: string }
  | { index: number; status: "rejected"; errors: FieldError[] };

/** The ingest contract's field → the row's: "outcome.value" → "value", "outcome" → "". */
function rowField(field: string): string {
  if (field === "outcome" || field === "type") return "";
  return field.replace(/^outcome\./, "");
}

/**
 * Validates one row. `null` means left out; unknown fields (and `source`, which the channel
 * sets) are rejected; every problem of the row is reported, each with its field.
 */
export function validateOutcomeRow(raw: unknown, now: Date): OutcomeRowValidation {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { status: "rejected", errors: [{ field: "", reason: "must be an object" }] };
  }
  const { idempotency_key, occurred_at, source, ...outcome } = raw as Record<string, unknown>;
  const checked = validateEvent(
    { type: "outcome", idempotency_key, occurred_at, outcome },
    now,
  );
  const errors = checked.status === "rejected"
    ? checked.errors.map((error) => ({ field: rowField(error.field), reason: error.reason }))
    : [];
  if (source !== undefined && source !== null) {
    errors.push({ field: "source", reason: "is not a known field" });
  }
  if (checked.status === "rejected" || errors.length > 0) {
    const key = checked.idempotency_key;
    return key === undefined
      ? { status: "rejected", errors }
      : { status: "rejected", idempotency_key: key, errors };
  }
  return { status: "valid", row: outcomeEventToRow(checked.event as OutcomeEvent) };
}

/** The row of a validated `outcome` ingest event (its `source` is left to the channel). */
export function outcomeEventToRow(event: OutcomeEvent): OutcomeRow {
  const { source: _source, ...outcome } = event.outcome;
  const row: OutcomeRow = {
    idempotency_key: event.idempotency_key,
    metric_key: outcome.metric_key,
    value: outcome.value,
    occurred_at: event.occurred_at,
  };
  for (const field of OUTCOME_LINK_FIELDS) {
    const linked = outcome[field];
    if (linked !== undefined) row[field] = linked;
  }
  if (outcome.metadata !== undefined) row.metadata = outcome.metadata;
  return row;
}

// ---------------------------------------------------------------------------------------------
// Webhook bodies

export type WebhookBody =
  | { ok: true; rows: unknown[] }
  | { ok: false; status: 413 | 422; code: string; message: string };

/**
 * A webhook body is one outcome row, or `{ "outcomes": [row, ...] }` with at most
 * MAX_OUTCOME_ROWS rows. Each row is then validated on its own (`validateOutcomeRow`).
 */
export function webhookRows(json: unknown): WebhookBody {
  const shapeError = {
    ok: false,
    status: 422,
    code: "validation_failed",
    message:
      'The body must be one outcome ({ "idempotency_key", "metric_key", "value", "occurred_at", ... }) or { "outcomes": [...] }.',
  } as const;
  if (typeof json !== "object" || json === null || Array.isArray(json)) return shapeError;
  const body = json as Record<string, unknown>;
  if (!("outcomes" in body)) return { ok: true, rows: [body] };
  if (Object.keys(body).length !== 1 || !Array.isArray(body.outcomes)) return shapeError;
  if (body.outcomes.length > MAX_OUTCOME_ROWS) {
    return {
      ok: false,
      status: 413,
      code: "batch_too_large",
      message:
        `A delivery holds at most ${MAX_OUTCOME_ROWS} outcomes; this one has ${body.outcomes.length}. Split it into smaller deliveries.`,
    };
  }
  return { ok: true, rows: body.outcomes };
}

/** Identifier limits, for forms that want to say them before the contract does. */
export const OUTCOME_IDENTIFIER_MAX = LIMITS.identifier;
