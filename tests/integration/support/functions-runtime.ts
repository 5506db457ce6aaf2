import { startEdgeRuntime, type EdgeRuntime } from "../../../scripts/lib/edge-runtime";
import { stackEnv } from "./env";

/**
 * The stack's Deno functions in a second edge runtime, on the same database, PostgREST and auth,
 * with `env` on top: for functions whose outside services (LLM providers, HubSpot) or secrets a
 * test must control, where the stack's own runtime has the real ones.
 */
export function startFunctionsRuntime(env: Record<string, string>): Promise<EdgeRuntime> {
  return startEdgeRuntime({
    log: false,
    env: {
      SUPABASE_URL: stackEnv.apiUrl,
      SUPABASE_ANON_KEY: stackEnv.publishableKey,
      SUPABASE_SERVICE_ROLE_KEY: stackEnv.secretKey,
      SUPABASE_DB_URL: stackEnv.dbUrl,
      EDGE_RUNTIME_LOG: "0",
      ...env,
    },
  });
}
