import { App } from "@supabase/lite";
import { createPostgresConnection } from "@supabase/lite/postgres";
import type { Sql } from "postgres";

export interface ApiKeys {
  publishableKey: string;
  secretKey: string;
  jwtSecret: string;
}

/**
 * The roles and default privileges hosted Supabase creates before any migration runs. Recreating
 * them locally means our migrations are exercised under the same conditions, including the
 * default grants that would expose a table whose migration forgot to revoke them.
 */
const HOSTED_SUPABASE_ROLES = `
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
`;

/**
 * Hosted Supabase's auth.email(). @supabase/lite 0.10 defines it over
 * `request.jwt.claim.email` only, but sets `request.jwt.claims` (and claim.sub/claim.role) per
 * request, never claim.email: through the local API auth.email() was always NULL, so
 * accept_pending_invitations() found nothing and invitees couldn't read their own invitations.
 */
const HOSTED_AUTH_EMAIL = `
create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
`;

export type SupabaseApi = ReturnType<typeof createSupabaseApi>;

/** @supabase/lite serving /rest/v1 and /auth/v1 on real Postgres. */
export function createSupabaseApi(databaseUrl: string, keys: ApiKeys, siteUrl?: string) {
  const connection = createPostgresConnection({
    url: databaseUrl,
    postgresOptions: { onnotice: () => {} },
  });
  // On its first request lite "ensures RLS context" by running GRANT ALL ON ALL TABLES to anon,
  // authenticated and service_role, which would erase the column-level grants our migrations
  // make (api_keys.key_hash must stay unreadable). We create the roles ourselves, as hosted
  // Supabase does, and RLS is always on, so that step only has to report "active".
  // tests/integration/column-grants.test.ts guards this.
  Object.getPrototypeOf(connection).ensureRlsContext = async () => true;
  return new App({
    connection,
    auth: {
      enabled: true,
      jwt_secret: keys.jwtSecret,
      jwt_expiry: 3600,
      enable_signup: true,
      // Where password-reset and confirmation links send people: the SPA.
      ...(siteUrl ? { site_url: siteUrl, additional_redirect_urls: [`${siteUrl}/**`] } : {}),
      publishable_key: keys.publishableKey,
      secret_key: keys.secretKey,
      email: { enable_confirmations: false },
    },
    // Keyless loopback requests must never become service_role: tests depend on RLS applying.
    options: { server: { admin: false } },
  } as ConstructorParameters<typeof App>[0]);
}

/** Creates auth schema, roles and grants: everything hosted Supabase has before migrations. */
export async function prepareSupabaseDatabase(api: SupabaseApi, sql: Sql): Promise<void> {
  await sql.unsafe(HOSTED_SUPABASE_ROLES);
  await api.ensureSystemSchema();
  await sql.unsafe(HOSTED_AUTH_EMAIL);
}
