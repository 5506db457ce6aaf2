/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/resolve: what the customer's backend should send to its LLM for one
 * request, in one database round trip (`public.resolve_prompt`).
 *
 * Auth: an org API key with scope `resolve`, as `x-api-key: cw_...` or
 * `Authorization: Bearer cw_...` (x-api-key wins when both are sent, so supabase-js
 * `functions.invoke`, which sets Authorization itself, works too).
 *
 * Body: { capability, action?, intent?, unit_id, variables? } — capability, action and intent
 * are taxonomy keys (exact, case-sensitive); unit_id is the stable id of whoever is served (the
 * end user, account or conversation) that sticky assignment hashes; variables override the
 * version's template bindings for this request.
 *
 * 200 { prompt, provider, model, config, experiment_id, variant_id, variant_key, version_id,
 *       deployment_id, scope }
 * 400 invalid_json · 401 missing_api_key | invalid_api_key | revoked_api_key · 403 missing_scope
 * 404 unknown_scope | no_live_version · 405 · 422 validation_failed · 503 database_unavailable
 *
 * Full contract: docs/experiments.md.
 */
import { z } from "zod";
import {
  defineFunction,
  functionPath,
  HttpError,
  json,
  parseJsonBody,
  requireMethod,
} from "../_shared/http.ts";
import { MAX_API_KEY_LENGTH, servingRequestShape } from "../_shared/serving-request.ts";
import { sharedServiceClient } from "../_shared/supabase.ts";

const DATABASE_TIMEOUT_MS = 5_000;
export const ResolveRequest = z.strictObject(servingRequestShape);
export type ResolveRequest = z.infer<typeof ResolveRequest>;

/** What `public.resolve_prompt` returns: `status` "ok" plus the answer, or an error status. */
interface RpcResult {
  status: string;
  message?: string;
  scope?: Record<string, string | null>;
  problems?: string[];
  [field: string]: unknown;
}

// Error statuses of resolve_prompt → HTTP status. Codes are the statuses themselves.
const ERROR_STATUS: Record<string, number> = {
  invalid_api_key: 401,
  revoked_api_key: 401,
  missing_scope: 403,
  unknown_scope: 404,
  no_live_version: 404,
};

// One client per isolate: creating one per request costs more than the lookup itself. Rebuilt
// if the environment changes (tests point it at different fake servers).
/** The org API key from `x-api-key`, else from `Authorization: Bearer`. */
export function presentedApiKey(req: Request): string | undefined {
  const header = req.headers.get("x-api-key")?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  return bearer || undefined;
}

const unauthorized = { "www-authenticate": 'Bearer realm="causeway", charset="UTF-8"' };

export default defineFunction(async (req) => {
  const started = performance.now();
  if (functionPath(req, "resolve") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  requireMethod(req, "POST");

  const apiKey = presentedApiKey(req);
  if (!apiKey) {
    throw new HttpError(
      401,
      "missing_api_key",
      "Send an org API key with the resolve scope as x-api-key or Authorization: Bearer.",
      undefined,
      unauthorized,
    );
  }
  const body = await parseJsonBody(req, ResolveRequest);
  if (apiKey.length > MAX_API_KEY_LENGTH) {
    throw new HttpError(
      401,
      "invalid_api_key",
      "The API key is not valid.",
      undefined,
      unauthorized,
    );
  }

  const rpcStarted = performance.now();
  const { data, error } = await sharedServiceClient()
    .rpc("resolve_prompt", {
      p_api_key: apiKey,
      p_capability: body.capability,
      p_unit_id: body.unit_id,
      p_action: body.action ?? null,
      p_intent: body.intent ?? null,
      p_variables: body.variables ?? null,
    })
    .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
  const rpcMs = performance.now() - rpcStarted;
  if (error) {
    console.error("resolve_prompt failed:", error);
    throw new HttpError(
      503,
      "database_unavailable",
      "Could not reach the database; retry shortly.",
      undefined,
      { "retry-after": "1" },
    );
  }

  const result = data as RpcResult;
  const timing = {
    "server-timing": `db;dur=${rpcMs.toFixed(2)}, total;dur=${
      (performance.now() - started).toFixed(2)
    }`,
  };
  if (result.status === "ok") {
    const { status: _status, ...answer } = result;
    return json(answer, { headers: { ...timing, "cache-control": "no-store" } });
  }
  if (result.status === "invalid_variables") {
    throw new HttpError(
      422,
      "validation_failed",
      result.message ?? "Some variables do not fit the template.",
      (result.problems ?? []).map((message) => ({ path: "variables", message })),
      timing,
    );
  }
  const httpStatus = ERROR_STATUS[result.status];
  if (!httpStatus) throw new Error(`resolve_prompt returned an unknown status: ${result.status}`);
  throw new HttpError(
    httpStatus,
    result.status,
    result.message ?? result.status,
    result.scope ? { scope: result.scope } : undefined,
    httpStatus === 401 ? { ...timing, ...unauthorized } : timing,
  );
});
