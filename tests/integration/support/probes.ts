import type { TransactionSql } from "postgres";
import type { Client } from "./clients";
import type { Fixture, FixtureUser } from "./fixture";

/** Which row a probe aims at: one of the member's organization, the user's own, or another org's. */
export type Target = "org" | "own" | "foreign";

type Row = Record<string, unknown>;

/** One attempted operation, described once and run both as SQL and through supabase-js. */
export type Attempt =
  | { kind: "select"; table: string; match: Row }
  | { kind: "insert"; table: string; values: Row }
  | { kind: "update"; table: string; match: Row; values: Row }
  | { kind: "delete"; table: string; match: Row }
  | { kind: "rpc"; fn: string; args: Row };

type AttemptFactory = (fixture: Fixture, self: FixtureUser, target: Target) => Attempt | undefined;

const probeEmail = () => `probe-${Math.random().toString(36).slice(2, 10)}@matrix.test`;
const orgOf = (f: Fixture, target: Target) => (target === "foreign" ? f.foreignOrgId : f.orgId);

function member(f: Fixture, self: FixtureUser, target: Target): Row {
  if (target === "own") return { organization_id: f.orgId, user_id: self.id };
  if (target === "foreign") return { organization_id: f.foreignOrgId, user_id: f.foreignAdmin.id };
  return { organization_id: f.orgId, user_id: f.scratch.id };
}

function profile(f: Fixture, self: FixtureUser, target: Target): Row {
  return {
    id: target === "own" ? self.id : target === "foreign" ? f.foreignAdmin.id : f.scratch.id,
  };
}

// `own` targets exist only where a row can belong to the user; elsewhere the factory returns
// undefined and the probe is skipped for that target.
export const PROBES: Record<string, AttemptFactory> = {
  "organizations select": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "select", table: "organizations", match: { id: orgOf(f, t) } },
  "organizations update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "organizations",
          match: { id: orgOf(f, t) },
          values: { name: "Renamed by probe" },
        },
  "organizations delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "delete", table: "organizations", match: { id: orgOf(f, t) } },

  "profiles select": (f, s, t) => ({ kind: "select", table: "profiles", match: profile(f, s, t) }),
  "profiles update": (f, s, t) => ({
    kind: "update",
    table: "profiles",
    match: profile(f, s, t),
    values: { display_name: "Probe" },
  }),

  "memberships select": (f, s, t) => ({
    kind: "select",
    table: "memberships",
    match: member(f, s, t),
  }),
  "memberships insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "memberships",
          values: {
            organization_id: orgOf(f, t),
            user_id: f.users.non_member.id,
            role: "enablement",
          },
        },
  "memberships update": (f, s, t) => ({
    kind: "update",
    table: "memberships",
    match: member(f, s, t),
    values: { role: "enablement" },
  }),
  "memberships delete": (f, s, t) => ({
    kind: "delete",
    table: "memberships",
    match: member(f, s, t),
  }),

  "invitations select": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "select",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
        },
  "invitations insert": (f, s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "invitations",
          values: {
            organization_id: orgOf(f, t),
            email: probeEmail(),
            role: "enablement",
            invited_by: s.id,
          },
        },
  "invitations update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
          values: { revoked_at: new Date().toISOString() },
        },
  "invitations delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "delete",
          table: "invitations",
          match: { id: t === "foreign" ? f.foreignInvitationId : f.orgInvitationId },
        },

  "audit_log select": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "select", table: "audit_log", match: { organization_id: orgOf(f, t) } },
  "audit_log insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "audit_log",
          values: {
            organization_id: orgOf(f, t),
            action: "insert",
            entity_type: "forged",
            entity_id: "x",
          },
        },
  "audit_log update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "audit_log",
          match: { organization_id: orgOf(f, t) },
          values: { entity_type: "tampered" },
        },
  "audit_log delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : { kind: "delete", table: "audit_log", match: { organization_id: orgOf(f, t) } },

  "api_keys select": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "select",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },
  "api_keys insert": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "insert",
          table: "api_keys",
          values: {
            organization_id: orgOf(f, t),
            name: "forged key",
            prefix: `cw_probe${Date.now()}`,
            key_hash: "forged",
            scopes: ["ingest"],
          },
        },
  "api_keys update": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "update",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
          values: { name: "tampered" },
        },
  "api_keys delete": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "delete",
          table: "api_keys",
          match: { id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },

  "rpc:create_api_key execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "create_api_key",
          args: { p_organization_id: orgOf(f, t), p_name: "probe key", p_scopes: ["ingest"] },
        },
  "rpc:revoke_api_key execute": (f, _s, t) =>
    t === "own"
      ? undefined
      : {
          kind: "rpc",
          fn: "revoke_api_key",
          args: { p_key_id: t === "foreign" ? f.foreignKeyId : f.orgKeyId },
        },
};

/** True when the database let the attempt through (a row came back, or the call succeeded). */
export async function attemptWithSql(tx: TransactionSql, attempt: Attempt): Promise<boolean> {
  const where = (match: Row) =>
    Object.entries(match).reduce(
      (clause, [column, value], index) =>
        tx`${clause} ${index ? tx`and` : tx``} ${tx(column)} = ${value as string}`,
      tx``,
    );
  try {
    await tx`savepoint probe`;
    let rows: readonly unknown[];
    switch (attempt.kind) {
      case "select":
        rows =
          await tx`select 1 from ${tx("public." + attempt.table)} where ${where(attempt.match)}`;
        break;
      case "insert":
        rows =
          await tx`insert into ${tx("public." + attempt.table)} ${tx(attempt.values as Record<string, string>)} returning 1`;
        break;
      case "update":
        rows =
          await tx`update ${tx("public." + attempt.table)} set ${tx(attempt.values as Record<string, string>)} where ${where(attempt.match)} returning 1`;
        break;
      case "delete":
        rows =
          await tx`delete from ${tx("public." + attempt.table)} where ${where(attempt.match)} returning 1`;
        break;
      case "rpc": {
        const names = Object.keys(attempt.args);
        const args = names.map(
          (name, index) =>
            tx`${index ? tx`,` : tx``} ${tx(name)} => ${attempt.args[name] as string}`,
        );
        await tx`select * from ${tx("public." + attempt.fn)}(${args.reduce((all, arg) => tx`${all} ${arg}`, tx``)})`;
        rows = [1];
        break;
      }
    }
    await tx`rollback to savepoint probe`;
    return rows.length > 0;
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    await tx`rollback to savepoint probe`;
    return false;
  }
}

/** The same attempt through PostgREST: what a browser holding this user's session could do. */
export async function attemptWithHttp(client: Client, attempt: Attempt): Promise<boolean> {
  // The generated types cannot follow a table name chosen at run time, so the builder is used
  // through the few methods a probe needs.
  type Result = { data: unknown; error: { code?: string; message: string } | null };
  interface Builder extends PromiseLike<Result> {
    select(columns?: string): Builder;
    insert(values: Row): Builder;
    update(values: Row): Builder;
    delete(): Builder;
    eq(column: string, value: unknown): Builder;
  }
  const from = (table: string) => client.from(table as never) as unknown as Builder;
  const matchAll = (query: Builder, match: Row) =>
    Object.entries(match).reduce((q, [column, value]) => q.eq(column, value), query);
  let result: Result;
  switch (attempt.kind) {
    case "select":
      result = await matchAll(from(attempt.table).select("*"), attempt.match);
      break;
    case "insert":
      result = await from(attempt.table).insert(attempt.values).select();
      break;
    case "update":
      result = await matchAll(from(attempt.table).update(attempt.values), attempt.match).select();
      break;
    case "delete":
      result = await matchAll(from(attempt.table).delete(), attempt.match).select();
      break;
    case "rpc":
      result = await client.rpc(attempt.fn as never, attempt.args as never);
      if (!result.error) return true;
      break;
  }
  if (result.error) {
    if (!isPermissionCode(result.error.code))
      throw new Error(`Unexpected error: ${result.error.code} ${result.error.message}`);
    return false;
  }
  return Array.isArray(result.data) ? result.data.length > 0 : result.data != null;
}

// 42501 insufficient privilege / RLS violation; PGRST116 etc. are not permission errors.
function isPermissionCode(code: string | undefined): boolean {
  return code === "42501";
}

function isPermissionError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    isPermissionCode((error as { code?: string }).code)
  );
}
