/**
 * supabase-js clients for edge functions.
 *
 * - `serviceClient()`: service-role key, bypasses RLS. Use only for work the function itself is
 *   trusted to do, after it has checked who the caller is.
 * - `userClient(req)`: anon key + the caller's `Authorization` header, so PostgREST applies RLS
 *   as that user.
 *
 * Neither keeps a session. `sharedServiceClient()` is the service client an isolate reuses across
 * requests (made again only when SUPABASE_URL changes, as it does between tests).
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { env } from "./env.ts";

const statelessAuth = {
  persistSession: false,
  autoRefreshToken: false,
  detectSessionInUrl: false,
} as const;

/** A client authenticated with the service-role key (bypasses RLS). */
export function serviceClient(): SupabaseClient {
  return createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: statelessAuth,
  });
}

/** A client acting as the caller: anon key plus the request's `Authorization` header. */
export function userClient(req: Request): SupabaseClient {
  const authorization = req.headers.get("authorization");
  return createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    auth: statelessAuth,
    global: { headers: authorization ? { Authorization: authorization } : {} },
  });
}

let shared: { url: string; client: SupabaseClient } | undefined;

/** The isolate's service-role client, reused across requests. */
export function sharedServiceClient(): SupabaseClient {
  const url = env.SUPABASE_URL;
  if (shared?.url !== url) shared = { url, client: serviceClient() };
  return shared.client;
}
