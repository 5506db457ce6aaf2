/**
 * A direct Postgres connection for the latency-critical path (the LLM gateway), from
 * SUPABASE_DB_URL, which hosted Supabase gives every edge function. Calling a SQL function this
 * way skips the HTTP hop through PostgREST: about 1 ms instead of about 10 (bench/results/proxy.md).
 *
 * The pool lives as long as the isolate, so warm requests reuse its connections. `prepare: false`
 * keeps it usable behind Supavisor in transaction mode, which has no session to keep prepared
 * statements in. Everything called through it must be a security-definer function with its own
 * checks: the connection bypasses RLS, like the service-role key.
 */
import postgres from "postgres";
import { env } from "./env.ts";
import { HttpError } from "./http.ts";

export type Sql = postgres.Sql;
export type JsonValue = postgres.JSONValue;

let cached: { url: string; sql: Sql } | undefined;

/** The isolate's pool for SUPABASE_DB_URL (a 500 naming the variable when it is not set). */
export function database(): Sql {
  const url = env.SUPABASE_DB_URL;
  if (!url) {
    throw new HttpError(
      500,
      "server_misconfigured",
      "Environment variable SUPABASE_DB_URL is not set.",
    );
  }
  if (cached?.url !== url) {
    cached = {
      url,
      sql: postgres(url, {
        max: 4,
        prepare: false,
        idle_timeout: 30,
        connect_timeout: 5,
        onnotice: () => {},
      }),
    };
  }
  return cached.sql;
}

/**
 * Runs `query`, cancelling it on the server when it takes longer than `ms` (postgres.js has no
 * abort signal, and a statement_timeout set at connect time does not survive a transaction pooler).
 */
export async function withTimeout<T extends readonly postgres.MaybeRow[]>(
  query: postgres.PendingQuery<T>,
  ms: number,
): Promise<postgres.RowList<T>> {
  const timer = setTimeout(() => query.cancel(), ms);
  try {
    return await query;
  } finally {
    clearTimeout(timer);
  }
}
