/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/ingest: a batch of runs, agent lifecycle events, outcomes and feedback from
 * a customer's backend. Contract: docs/ingest-api.md.
 *
 * Auth: an org API key with scope `ingest`, as `Authorization: Bearer cw_...` or `x-api-key`.
 *
 * The body is read with `readBatchBody` (400 invalid_json, 413 over 5 MB) and checked with
 * `validateBatch` (413 over 1,000 events, 422 not `{ events: [...] }`); every event then gets its
 * own result. The valid events go to `public.ingest_events` in ONE rpc call, which authenticates
 * the key in the same round trip and writes them set-based; its results are merged with the
 * validation rejections in the batch's order.
 *
 * 200 { results: [{ index, idempotency_key, status: accepted | duplicate, id } |
 *                 { index, idempotency_key?, status: rejected, errors: [{ field, reason }] }] }
 * 400 invalid_json · 401 invalid_api_key | revoked_api_key · 403 missing_scope · 405
 * 413 batch_too_large · 422 validation_failed · 429 rate_limited (per-key token bucket, with
 * Retry-After) · 503 database_unavailable
 */
import { defineFunction, functionPath, HttpError, json, requireMethod } from "../_shared/http.ts";
import {
  type FieldError,
  type IngestEvent,
  type IngestResponse,
  type IngestResult,
  readBatchBody,
  validateBatch,
} from "../_shared/ingest-events.ts";
import { sharedServiceClient } from "../_shared/supabase.ts";

/** A 1,000-event batch is one insert per table; leave it time, but not forever. */
const DATABASE_TIMEOUT_MS = 15_000;
/** Longer than any key `create_api_key` issues; anything longer is not worth hashing. */
const MAX_KEY_LENGTH = 200;

/** One result of `public.ingest_events`, for the event at `index` of the request. */
export type RpcEventResult =
  | { index: number; status: "accepted" | "duplicate"; id: string }
  | { index: number; status: "rejected"; errors: FieldError[] };

interface RpcResult {
  status: string;
  message?: string;
  results?: RpcEventResult[];
  /** With status `rate_limited`: the key's limit and when to retry. */
  limit?: { events_per_second: number; burst: number };
  retry_after_seconds?: number;
}

const ERROR_STATUS: Record<string, number> = {
  invalid_api_key: 401,
  revoked_api_key: 401,
  missing_scope: 403,
};

/** The org API key from `Authorization: Bearer`, else from `x-api-key`. */
export function presentedApiKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) return bearer;
  return req.headers.get("x-api-key")?.trim() || undefined;
}

const unauthorized = { "www-authenticate": 'Bearer realm="causeway", charset="UTF-8"' };

function invalidKey(): HttpError {
  return new HttpError(
    401,
    "invalid_api_key",
    "Send an org API key with the ingest scope as Authorization: Bearer (or x-api-key).",
    undefined,
    unauthorized,
  );
}

export default defineFunction(async (req) => {
  if (functionPath(req, "ingest") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  requireMethod(req, "POST");

  const apiKey = presentedApiKey(req);
  if (!apiKey || apiKey.length > MAX_KEY_LENGTH) throw invalidKey();

  const body = await readBatchBody(req);
  if (!body.ok) {
    throw new HttpError(body.error.status, body.error.code, body.error.message, body.error.details);
  }
  const batch = validateBatch(body.json, new Date());
  if (!batch.ok) {
    throw new HttpError(
      batch.error.status,
      batch.error.code,
      batch.error.message,
      batch.error.details,
    );
  }

  const valid: { index: number; event: IngestEvent }[] = [];
  for (const result of batch.results) {
    if (result.status === "valid") valid.push({ index: result.index, event: result.event });
  }

  // Always called, even with no valid event: the key is checked there.
  const started = performance.now();
  const { data, error } = await sharedServiceClient()
    .rpc("ingest_events", { p_api_key: apiKey, p_events: valid })
    .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
  const dbMs = performance.now() - started;
  if (error) {
    console.error("ingest_events failed:", error);
    throw new HttpError(
      503,
      "database_unavailable",
      "Could not reach the database; nothing in this batch may have been stored. Retry with the same idempotency keys.",
      undefined,
      { "retry-after": "1" },
    );
  }
  const rpc = data as RpcResult;
  if (rpc.status === "rate_limited") {
    const retryAfter = Math.max(1, rpc.retry_after_seconds ?? 1);
    throw new HttpError(
      429,
      "rate_limited",
      rpc.message ?? "This API key is sending events too fast.",
      { ...rpc.limit, retry_after_seconds: retryAfter },
      { "retry-after": String(retryAfter) },
    );
  }
  if (rpc.status !== "ok") {
    const httpStatus = ERROR_STATUS[rpc.status];
    if (!httpStatus) throw new Error(`ingest_events returned an unknown status: ${rpc.status}`);
    throw new HttpError(
      httpStatus,
      rpc.status,
      rpc.message ?? rpc.status,
      undefined,
      httpStatus === 401 ? unauthorized : undefined,
    );
  }

  const stored = new Map<number, RpcEventResult>();
  for (const result of rpc.results ?? []) stored.set(result.index, result);

  const results: IngestResult[] = batch.results.map((result) => {
    if (result.status === "rejected") {
      const { index, idempotency_key, errors } = result;
      return idempotency_key === undefined
        ? { index, status: "rejected", errors }
        : { index, idempotency_key, status: "rejected", errors };
    }
    const answer = stored.get(result.index);
    if (!answer) {
      throw new Error(`ingest_events returned no result for event ${result.index}`);
    }
    return answer.status === "rejected"
      ? {
        index: result.index,
        idempotency_key: result.idempotency_key,
        status: "rejected",
        errors: answer.errors,
      }
      : {
        index: result.index,
        idempotency_key: result.idempotency_key,
        status: answer.status,
        id: answer.id,
      };
  });

  return json({ results } satisfies IngestResponse, {
    headers: { "server-timing": `db;dur=${dbMs.toFixed(2)}`, "cache-control": "no-store" },
  });
});
