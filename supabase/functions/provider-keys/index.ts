/// <reference types="@supabase/functions-js/edge-runtime.d.ts" />
/**
 * POST /functions/v1/provider-keys: add, rotate, revoke or test the organization's OpenAI,
 * Anthropic and Gemini keys, for engineers and admins, from the app (the user's session as
 * `Authorization: Bearer <access token>`). Logic: ./handler.ts; contract: docs/llm-gateway.md.
 *
 *   { action: "add" | "rotate", organization_id, provider, key }  → 201 / 200 { key }
 *   { action: "revoke", organization_id, provider }               → 200 { key }
 *   { action: "test", organization_id, provider }                 → 200 { ok, message, latency_ms, key }
 *
 * 401 not_signed_in · 403 forbidden · 404 no_active_key · 409 key_exists · 422 validation_failed
 * · 500 server_misconfigured (PROVIDER_KEYS_SECRET) · 503 database_unavailable
 */
import { keyRingFromEnv } from "../_shared/crypto.ts";
import { defineFunction, functionPath, HttpError } from "../_shared/http.ts";
import { baseUrlFromEnv } from "../_shared/providers/mod.ts";
import { sharedServiceClient } from "../_shared/supabase.ts";
import { createProviderKeysHandler } from "./handler.ts";

const DATABASE_TIMEOUT_MS = 5_000;

const handler = createProviderKeysHandler({
  async userFor(accessToken) {
    const { data, error } = await sharedServiceClient().auth.getUser(accessToken);
    return error || !data.user ? null : data.user.id;
  },
  async rpc(fn, args) {
    const { data, error } = await sharedServiceClient()
      .rpc(fn, args)
      .abortSignal(AbortSignal.timeout(DATABASE_TIMEOUT_MS));
    return { data, error };
  },
  keyRing: () => keyRingFromEnv(),
  baseUrl: (provider) => baseUrlFromEnv(provider),
});

export default defineFunction((req) => {
  if (functionPath(req, "provider-keys") !== "/") {
    throw new HttpError(404, "not_found", "Not found.");
  }
  return handler(req);
});
