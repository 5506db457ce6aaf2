import postgres, { type Sql, type TransactionSql } from "postgres";
import { stackEnv } from "./env";

export const adminSql: Sql = postgres(stackEnv.dbUrl, { onnotice: () => {}, max: 4 });

class Rollback extends Error {}

const DEADLOCK_DETECTED = "40P01";

/**
 * Deletes a test organization and everything that cascades from it. The cascade locks rows in
 * many tables while other test files ingest and refresh rollups, so Postgres can pick it as a
 * deadlock victim; it rolled the whole delete back, and trying again is the documented remedy.
 */
export async function deleteOrganization(orgId: string, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminSql`delete from public.organizations where id = ${orgId}`;
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== DEADLOCK_DETECTED || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export interface SqlUser {
  id: string;
  email: string;
}

/**
 * Runs `fn` as PostgREST would for a signed-in user: role authenticated and the JWT claims set in
 * both the legacy per-claim settings and request.jwt.claims (hosted Supabase reads the latter).
 * The transaction is always rolled back, so probes can be destructive.
 */
export async function asUser<T>(
  user: SqlUser | null,
  fn: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await adminSql.begin(async (tx) => {
      if (user) {
        const claims = JSON.stringify({
          sub: user.id,
          email: user.email,
          role: "authenticated",
          aud: "authenticated",
        });
        await tx`select set_config('role', 'authenticated', true),
                        set_config('request.jwt.claims', ${claims}, true),
                        set_config('request.jwt.claim.sub', ${user.id}, true),
                        set_config('request.jwt.claim.email', ${user.email}, true),
                        set_config('request.jwt.claim.role', 'authenticated', true)`;
      } else {
        await tx`select set_config('role', 'anon', true)`;
      }
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}
