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
 * (default 60000: no response headers, or no stream data, for that long is a timeout).
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import { keyRingFromEnv } from "../_shared/crypto.ts";
import { env } from "../_shared/env.ts";
import { defineFunction, functionPath, HttpError } from "../_shared/http.ts";
import { baseUrlFromEnv, DEFAULT_TIMEOUT_MS } from "../_shared/providers/mod.ts";
import { serviceClient } from "../_shared/supabase.ts";
import { createGateway, type PrepareResult } from "./gateway.ts";

const DATABASE_TIMEOUT_MS = 5_000;
const RECORD_TIMEOUT_MS = 10_000;

let cached: { url: string; client: SupabaseClient } | undefined;
function database(): SupabaseClient {
  const url = env.SUPABASE_URL;
  if (cached?.url !== url) cached = { url, client: serviceClient() };
  return cached.client;
}

function timeoutFromEnv(): number {
  const value = Number(Deno.env.get("LLM_PROXY_TIMEOUT_MS"));
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

interface EdgeRuntimeGlobal {
  EdgeRuntime?: { waitUntil?(promise: Promise<unknown>): void };
}

const gateway = createGateway({
  async prepare(apiKey, body) {
    const { data, error } = await database()
      .rpc("gateway_prepare", {
        p_api_key: apiKey,
        p_capability: body.capability,
        p_unit_id: body.unit_id,
        p_action: body.action ?? null,
        p_intent: body.intent ?? null,
        p_variables: body.variables ?? {},
      })
      .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
    if (error) {
      console.error("gateway_prepare failed:", error);
      throw new HttpError(
        503,
        "database_unavailable",
        "Could not reach the database; nothing was sent to the provider. Retry shortly.",
        undefined,
        { "retry-after": "1" },
      );
    }
    return data as PrepareResult;
  },
  async record(organizationId, events) {
    const { data, error } = await database()
      .rpc("gateway_record_runs", {
        p_organization_id: organizationId,
        p_events: events.map((event, index) => ({ index, event })),
      })
      .abortSignal(AbortSignal.timeout(RECORD_TIMEOUT_MS));
    if (error) throw new Error(`gateway_record_runs failed: ${error.message}`);
    const results = (data as { results?: { status: string }[] }).results ?? [];
    const rejected = results.filter((result) => result.status === "rejected");
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
