// The admin pages' actions (members, invitations, API keys), taken through supabase-js with real
// sign-ins against the real stack, in a scratch organization of this file's own.
import { createHash } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/lib/database.types";
import { anonClient, signedInClient, type Client } from "./support/clients";
import { adminSql, deleteOrganization } from "./support/db";
import { stackEnv } from "./support/env";

const PASSWORD = "admin-actions-password";
const ORG_NAME = "Admin Actions";
// Unique per run, so a database reused between runs (DATABASE_URL) never collides.
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const ORG_SLUG = `admin-actions-${run}`;
const EMAIL_DOMAIN = `admin-actions-${run}.test`;
const emailFor = (name: string) => `${name}@${EMAIL_DOMAIN}`;

interface ScratchUser {
  id: string;
  email: string;
}

async function createUser(name: string): Promise<ScratchUser> {
  const email = emailFor(name);
  const [row] = await adminSql<{ id: string }[]>`
    insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
    values (gen_random_uuid(), 'authenticated', 'authenticated', ${email},
            extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)), now(),
            '{"provider":"email","providers":["email"]}', ${adminSql.json({ display_name: name })})
    returning id`;
  return { id: row!.id, email };
}

async function roleOf(user: ScratchUser): Promise<string | undefined> {
  const [row] = await adminSql<{ role: string }[]>`
    select role from public.memberships where organization_id = ${orgId} and user_id = ${user.id}`;
  return row?.role;
}

let orgId: string;
const users = {} as Record<"admin" | "engineer" | "member" | "lateInvitee", ScratchUser>;
const clients = {} as Record<"admin" | "engineer" | "member" | "lateInvitee", Client>;

beforeAll(async () => {
  for (const name of ["admin", "engineer", "member", "lateInvitee"] as const) {
    users[name] = await createUser(name.toLowerCase());
  }
  const [org] = await adminSql<{ id: string }[]>`
    insert into public.organizations (name, slug, created_by) values (${ORG_NAME}, ${ORG_SLUG}, ${users.admin.id})
    returning id`;
  orgId = org!.id;
  await adminSql`
    insert into public.memberships ${adminSql([
      { organization_id: orgId, user_id: users.admin.id, role: "admin" },
      { organization_id: orgId, user_id: users.engineer.id, role: "engineer" },
      { organization_id: orgId, user_id: users.member.id, role: "prompt_engineer" },
    ])}`;
  for (const name of Object.keys(users) as Array<keyof typeof users>) {
    clients[name] = await signedInClient(users[name].email, PASSWORD);
  }
});

afterAll(async () => {
  // The organization takes its memberships, invitations, keys and audit rows with it.
  await deleteOrganization(orgId);
  await adminSql`delete from auth.users where email like ${`%@${EMAIL_DOMAIN}`}`;
  await adminSql.end();
});

describe("invitations", () => {
  it("turns into a membership with the invited role when the invitee signs up", async () => {
    const email = emailFor("invitee");
    const invited = await clients.admin
      .from("invitations")
      .insert({ organization_id: orgId, email, role: "operations", invited_by: users.admin.id })
      .select("id")
      .single();
    expect(invited.error).toBeNull();

    const invitee = anonClient();
    const signUp = await invitee.auth.signUp({ email, password: PASSWORD });
    expect(signUp.error).toBeNull();
    const inviteeId = signUp.data.user!.id;
    expect(signUp.data.session).not.toBeNull();

    const membership = await invitee
      .from("memberships")
      .select("role")
      .eq("organization_id", orgId)
      .eq("user_id", inviteeId);
    expect(membership.error).toBeNull();
    expect(membership.data).toEqual([{ role: "operations" }]);

    const invitation = await clients.admin
      .from("invitations")
      .select("accepted_at, accepted_by")
      .eq("id", invited.data!.id)
      .single();
    expect(invitation.data).toEqual({ accepted_at: expect.any(String), accepted_by: inviteeId });
  });

  it("refuses a second open invitation for the same address with 23505", async () => {
    const email = emailFor("twice");
    const invite = () =>
      clients.admin
        .from("invitations")
        .insert({ organization_id: orgId, email, role: "enablement", invited_by: users.admin.id });
    expect((await invite()).error).toBeNull();
    expect((await invite()).error).toMatchObject({ code: "23505" });
  });

  it("reports an expired invitation from accept_pending_invitations() and grants nothing", async () => {
    await adminSql`
      insert into public.invitations (organization_id, email, role, invited_by, created_at, expires_at)
      values (${orgId}, ${users.lateInvitee.email}, 'operations', ${users.admin.id},
              now() - interval '30 days', now() - interval '16 days')`;

    const result = await clients.lateInvitee.rpc("accept_pending_invitations");

    expect(result.error).toBeNull();
    expect(result.data).toEqual([
      {
        organization_id: orgId,
        organization_name: ORG_NAME,
        role: "operations",
        status: "expired",
        expires_at: expect.any(String),
      },
    ]);
    expect(await roleOf(users.lateInvitee)).toBeUndefined();
  });
});

describe("role guards", () => {
  it("stop the last admin from demoting or removing themselves", async () => {
    const demotion = await clients.admin
      .from("memberships")
      .update({ role: "engineer" })
      .eq("organization_id", orgId)
      .eq("user_id", users.admin.id)
      .select("role");
    expect(demotion.error).toMatchObject({
      code: "42501",
      message: expect.stringContaining("at least one admin"),
    });

    const removal = await clients.admin
      .from("memberships")
      .delete()
      .eq("organization_id", orgId)
      .eq("user_id", users.admin.id)
      .select("user_id");
    expect(removal.error).toMatchObject({
      code: "42501",
      message: expect.stringContaining("at least one admin"),
    });

    expect(await roleOf(users.admin)).toBe("admin");
  });

  it("stop a non-admin from raising their own role", async () => {
    const raise = await clients.member
      .from("memberships")
      .update({ role: "admin" })
      .eq("organization_id", orgId)
      .eq("user_id", users.member.id)
      .select("role");
    // Row-level security hides the row from a non-admin's update: nothing matches, nothing changes.
    expect(raise.error).toBeNull();
    expect(raise.data).toEqual([]);
    expect(await roleOf(users.member)).toBe("prompt_engineer");
  });

  it("record an admin's role change in the audit log with before, after and actor", async () => {
    const change = await clients.admin
      .from("memberships")
      .update({ role: "enablement" })
      .eq("organization_id", orgId)
      .eq("user_id", users.member.id)
      .select("role");
    expect(change.error).toBeNull();
    expect(change.data).toEqual([{ role: "enablement" }]);

    const audit = await clients.admin
      .from("audit_log")
      .select("action, actor_id, entity_type, entity_id, before, after")
      .eq("organization_id", orgId)
      .eq("entity_type", "memberships")
      .eq("entity_id", `${orgId}:${users.member.id}`)
      .order("id", { ascending: false })
      .limit(1)
      .single();
    expect(audit.error).toBeNull();
    expect(audit.data).toMatchObject({
      action: "update",
      actor_id: users.admin.id,
      before: { user_id: users.member.id, role: "prompt_engineer" },
      after: { user_id: users.member.id, role: "enablement" },
    });

    await adminSql`
      update public.memberships set role = 'prompt_engineer'
      where organization_id = ${orgId} and user_id = ${users.member.id}`;
  });
});

function serviceRoleClient() {
  // An sb_secret_* key as apikey: @supabase/lite serves such requests as service_role.
  return createClient<Database>(stackEnv.apiUrl, stackEnv.secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as never },
  });
}

describe("API keys", () => {
  const KEY_FORMAT = /^cw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

  async function createKey(name: string, scopes: string[]) {
    const created = await clients.engineer.rpc("create_api_key", {
      p_organization_id: orgId,
      p_name: name,
      p_scopes: scopes,
    });
    expect(created.error).toBeNull();
    expect(created.data).toHaveLength(1);
    return created.data![0]!;
  }

  it("are created with the secret returned once, and only its SHA-256 stored", async () => {
    const key = await createKey("CI", ["ingest"]);
    expect(key.secret).toMatch(KEY_FORMAT);
    expect(key.secret.startsWith(`${key.prefix}_`)).toBe(true);

    const listed = await clients.engineer
      .from("api_keys")
      .select("id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at")
      .eq("id", key.id)
      .single();
    expect(listed.error).toBeNull();
    expect(listed.data).toMatchObject({
      name: "CI",
      prefix: key.prefix,
      scopes: ["ingest"],
      created_by: users.engineer.id,
    });

    const [stored] = await adminSql<{ key_hash: string; holds_secret: boolean }[]>`
      select key_hash, strpos(to_jsonb(k)::text, ${key.secret}) > 0 as holds_secret
      from public.api_keys k where id = ${key.id}`;
    expect(stored!.key_hash).toBe(createHash("sha256").update(key.secret).digest("hex"));
    expect(stored!.holds_secret).toBe(false);
  });

  it("can't be created by roles other than engineer and admin", async () => {
    const refused = await clients.member.rpc("create_api_key", {
      p_organization_id: orgId,
      p_name: "Not mine",
      p_scopes: ["ingest"],
    });
    expect(refused.error).toMatchObject({
      code: "42501",
      message: "Only engineers and admins can create API keys",
    });
  });

  it("authenticate through authenticate_api_key(): ok, missing_scope, revoked, unknown_key", async () => {
    const key = await createKey("Checkout service", ["ingest"]);
    const service = serviceRoleClient();
    const authenticate = async (presented: string, scope: string) => {
      const result = await service.rpc("authenticate_api_key", {
        p_key: presented,
        p_scope: scope,
      });
      expect(result.error).toBeNull();
      return result.data;
    };

    expect(await authenticate(key.secret, "ingest")).toEqual([
      { organization_id: orgId, api_key_id: key.id, status: "ok" },
    ]);
    expect(await authenticate(key.secret, "resolve")).toEqual([
      { organization_id: orgId, api_key_id: key.id, status: "missing_scope" },
    ]);

    const revoked = await clients.engineer.rpc("revoke_api_key", { p_key_id: key.id });
    expect(revoked.error).toBeNull();
    expect(await authenticate(key.secret, "ingest")).toEqual([
      { organization_id: orgId, api_key_id: key.id, status: "revoked" },
    ]);

    expect(await authenticate("cw_000000000000_not-a-real-key", "ingest")).toEqual([
      { organization_id: null, api_key_id: null, status: "unknown_key" },
    ]);
  });

  it("can't be checked by a signed-in user: authenticate_api_key() is for the service role", async () => {
    const key = await createKey("Serving", ["resolve"]);
    const attempt = await clients.engineer.rpc("authenticate_api_key", {
      p_key: key.secret,
      p_scope: "resolve",
    });
    expect(attempt.error).toMatchObject({ code: "42501" });
    expect(attempt.data).toBeNull();
  });
});
