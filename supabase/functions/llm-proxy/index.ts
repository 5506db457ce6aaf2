/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/llm-proxy: the LLM gateway. A customer's backend sends
 * { capability, action?, intent?, unit_id, variables?, messages?, stream? } with an org API key
 * (scope `proxy`); the gateway serves the live version and variant, calls OpenAI, Anthropic or
 * Gemini with the organization's stored key, answers (JSON, or server-sent events when `stream`
 * is true) and records the run. Contract: docs/llm-gateway.md; logic: ./gateway.ts.
 *
 * Environment: PROVIDER_KEYS_SECRET (+ PROVIDER_KEYS_PREVIOUS_SECRETS), OPENAI_BASE_URL,
 * ANTHROPIC_BASE_URL, GEMINI_BASE_URL (tests point them at local fakes), LLM_PROXY_TIMEOUT_MS
 * (default 60000: no response headers, or no stream data, for that long is a timeout),
 * SUPABASE_DB_URL (set by hosted Supabase; the gateway's database calls use it directly).
 */
import { keyRingFromEnv } from "../_shared/crypto.ts";
import { defineFunction, functionPath, HttpError } from "../_shared/http.ts";
import { database, type JsonValue, withTimeout } from "../_shared/postgres.ts";
import { baseUrlFromEnv, DEFAULT_TIMEOUT_MS } from "../_shared/providers/mod.ts";
import { createGateway, type PrepareResult } from "./gateway.ts";

const DATABASE_TIMEOUT_MS = 5_000;
const RECORD_TIMEOUT_MS = 10_000;

function timeoutFromEnv(): number {
  const value = Number(Deno.env.get("LLM_PROXY_TIMEOUT_MS"));
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

interface EdgeRuntimeGlobal {
  EdgeRuntime?: { waitUntil?(promise: Promise<unknown>): void };
}

const gateway = createGateway({
  // Both calls go straight to Postgres (SUPABASE_DB_URL), not through PostgREST: the gateway
  // sits in front of every LLM call, so its own database round trip must stay around a
  // millisecond.
  async prepare(apiKey, body) {
    const sql = database();
    try {
      const [row] = await withTimeout(
        sql<{ answer: PrepareResult }[]>`
          select public.gateway_prepare(${apiKey}, ${body.capability}, ${body.unit_id},
            ${body.action ?? null}, ${body.intent ?? null},
            ${sql.json((body.variables ?? {}) as JsonValue)}) as answer`,
        DATABASE_TIMEOUT_MS,
      );
      return row!.answer;
    } catch (err) {
      console.error("gateway_prepare failed:", err);
      throw new HttpError(
        503,
        "database_unavailable",
        "Could not reach the database; nothing was sent to the provider. Retry shortly.",
        undefined,
        { "retry-after": "1" },
      );
    }
  },
  async record(organizationId, events) {
    const sql = database();
    const [row] = await withTimeout(
      sql<{ answer: { results?: { status: string }[] } }[]>`
        select public.gateway_record_runs(${organizationId},
          ${sql.json(events.map((event, index) => ({ index, event })) as JsonValue)}) as answer`,
      RECORD_TIMEOUT_MS,
    );
    const rejected = (row!.answer.results ?? []).filter((result) => result.status === "rejected");
    if (rejected.length > 0) {
      // Not retried: the same event would be rejected again.
      console.error("llm-proxy: a run was rejected:", JSON.stringify(rejected));
    }
  },
  keyRing: () => keyRingFromEnv(),
  baseUrl: (provider) => baseUrlFromEnv(provider),
  timeoutMs: timeoutFromEnv(),
  waitUntil(promise) {
    // Hosted: keeps the isolate alive until the run is recorded. Locally (deno serve) the
    // process outlives the request anyway, so the promise simply runs on.
    (globalThis as EdgeRuntimeGlobal).EdgeRuntime?.waitUntil?.(promise);
  },
});

export default defineFunction((req) => {
  if (functionPath(req, "llm-proxy") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  return gateway(req);
});
