/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/outcomes-webhook/<endpoint id>: outcomes pushed by another system, signed
 * with the endpoint's secret. Contract: docs/outcomes.md ("Webhooks").
 *
 *   x-causeway-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * 1. The endpoint's secrets (the current one, and a rotated-out one during its grace period)
 *    come from `webhook_endpoint_secrets` (service role).
 * 2. The signature is checked over the raw bytes, with a 5-minute tolerance on `t`.
 * 3. The body (one outcome row or `{ outcomes: [...] }`) is parsed and every row validated.
 * 4. `receive_webhook_outcomes` records the signature (a second delivery of the same signed
 *    request is refused) and writes the valid rows, in one transaction.
 *
 * 200 { results: [{ index, status: accepted | duplicate, id } | { index, status: rejected, errors }] }
 * 400 invalid_json · 401 missing_signature | malformed_signature | timestamp_outside_tolerance |
 * signature_mismatch | replayed_delivery · 403 endpoint_disabled · 404 unknown_endpoint · 405
 * 413 batch_too_large · 422 validation_failed · 503 database_unavailable
 */
import { defineFunction, functionPath, HttpError, json, requireMethod } from "../_shared/http.ts";
import { MAX_BATCH_BYTES, readBodyBytes } from "../_shared/ingest-events.ts";
import {
  type OutcomeRow,
  type OutcomeRowResult,
  validateOutcomeRow,
  webhookRows,
} from "../_shared/outcome-rows.ts";
import { sharedServiceClient } from "../_shared/supabase.ts";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "../_shared/webhook-signature.ts";

const DATABASE_TIMEOUT_MS = 15_000;
const ENDPOINT_PATH = /^\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

const signatureHelp =
  `Sign "<t>.<raw body>" with HMAC-SHA256 and the endpoint's secret, and send ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>.`;

function databaseUnavailable(error: unknown): HttpError {
  console.error("outcomes-webhook: database call failed:", error);
  return new HttpError(
    503,
    "database_unavailable",
    "Could not reach the database; nothing in this delivery was stored. Sign it again and retry.",
    undefined,
    { "retry-after": "1" },
  );
}

function endpointStatusError(status: string): Error {
  if (status === "unknown") {
    return new HttpError(404, "unknown_endpoint", "There is no webhook endpoint at this URL.");
  }
  if (status === "disabled") {
    return new HttpError(
      403,
      "endpoint_disabled",
      "This webhook endpoint is disabled. An engineer or admin can enable it on the Outcomes page.",
    );
  }
  if (status === "replayed") {
    return new HttpError(
      401,
      "replayed_delivery",
      "This signed request was already received. Sign each delivery afresh (a new t=); outcomes are deduplicated by idempotency_key.",
    );
  }
  return new Error(`outcomes-webhook: unexpected endpoint status ${status}`);
}

/** The body as bytes; 413 above MAX_BATCH_BYTES, without buffering more. */
async function readRawBody(req: Request): Promise<Uint8Array> {
  const body = await readBodyBytes(req);
  if (!body.ok) {
    throw new HttpError(
      413,
      "batch_too_large",
      `A delivery is at most 5 MB (${MAX_BATCH_BYTES} bytes). Split it into smaller deliveries.`,
    );
  }
  return body.raw;
}

function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON (UTF-8).");
  }
}

export default defineFunction(async (req) => {
  const endpointId = ENDPOINT_PATH.exec(functionPath(req, "outcomes-webhook"))?.[1]?.toLowerCase();
  if (!endpointId) {
    throw new HttpError(
      404,
      "unknown_endpoint",
      "Post to /functions/v1/outcomes-webhook/<endpoint id>, the URL shown on the Outcomes page.",
    );
  }
  requireMethod(req, "POST");
  const raw = await readRawBody(req);

  const secrets = await sharedServiceClient().rpc("webhook_endpoint_secrets", {
    p_endpoint_id: endpointId,
  })
    .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
  if (secrets.error) throw databaseUnavailable(secrets.error);
  const endpoint = secrets.data as { status: string; secrets?: string[] };
  if (endpoint.status !== "ok") throw endpointStatusError(endpoint.status);
  if (!endpoint.secrets?.length) {
    throw new Error(`outcomes-webhook: endpoint ${endpointId} has no active secret`);
  }

  const signature = await verifyWebhookSignature({
    secret: endpoint.secrets,
    header: req.headers.get(SIGNATURE_HEADER),
    rawBody: raw,
    now: new Date(),
  });
  if (!signature.ok) {
    throw new HttpError(401, signature.reason, `${signature.message} ${signatureHelp}`);
  }

  const body = webhookRows(parseJson(raw));
  if (!body.ok) throw new HttpError(body.status, body.code, body.message);

  const now = new Date();
  const validations = body.rows.map((row) => validateOutcomeRow(row, now));
  const valid: OutcomeRow[] = [];
  const positions: number[] = [];
  validations.forEach((validation, index) => {
    if (validation.status === "valid") {
      valid.push(validation.row);
      positions.push(index);
    }
  });

  // Called even when no row is valid: the delivery is still recorded against replays.
  const received = await sharedServiceClient().rpc("receive_webhook_outcomes", {
    p_endpoint_id: endpointId,
    p_replay_key: signature.replayKey,
    p_replay_expires_at: signature.replayKeyExpiresAt.toISOString(),
    p_rows: valid,
  }).abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
  if (received.error) throw databaseUnavailable(received.error);
  const answer = received.data as { status: string; results?: OutcomeRowResult[] };
  if (answer.status !== "ok") throw endpointStatusError(answer.status);

  const stored = new Map<number, OutcomeRowResult>();
  for (const result of answer.results ?? []) stored.set(positions[result.index]!, result);
  const results: OutcomeRowResult[] = validations.map((validation, index) => {
    if (validation.status === "rejected") {
      return { index, status: "rejected", errors: validation.errors };
    }
    const result = stored.get(index);
    if (!result) throw new Error(`receive_webhook_outcomes returned no result for row ${index}`);
    return { ...result, index };
  });
  return json({ results }, { headers: { "cache-control": "no-store" } });
});
