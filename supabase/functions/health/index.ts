/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * GET /functions/v1/health: liveness plus a database round trip (`select public.health()`
 * through PostgREST with the service-role key).
 *
 * 200 { status: "ok", time, checks: { database: "ok" } }
 * 503 { status: "degraded", time, checks: { database: "unreachable" }, details: { database } }
 */
import { defineFunction, functionPath, HttpError, json, requireMethod } from "../_shared/http.ts";
import { serviceClient } from "../_shared/supabase.ts";

const DATABASE_TIMEOUT_MS = 5_000;

export default defineFunction(async (req) => {
  if (functionPath(req, "health") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  requireMethod(req, "GET");

  const time = new Date().toISOString();
  try {
    const { error } = await serviceClient()
      .rpc("health")
      .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
    if (error) throw new Error(error.message || `database error ${error.code}`);
    return json({ status: "ok", time, checks: { database: "ok" } });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return json(
      {
        status: "degraded",
        time,
        checks: { database: "unreachable" },
        details: { database: message },
      },
      { status: 503 },
    );
  }
});
