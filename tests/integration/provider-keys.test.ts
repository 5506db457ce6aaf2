import { webcrypto } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import { createTestOrg, signIn, type TestOrg } from "./support/experiments";
import { providerKeys, startGatewayRuntime, type GatewayRuntime } from "./support/gateway-runtime";

// Provider keys through the real stack: the provider-keys function (user session, encryption,
// test connection against the local provider fakes), the service-role RPCs that re-check roles
// in the database, RLS and column grants on provider_keys, and the audit log.

let org: TestOrg;
let runtime: GatewayRuntime;
let engineer: Client;
let admin: Client;
let pm: Client;
const tokens = {} as Record<"engineer" | "admin" | "pm", string>;

/**
 * Decrypts a stored key the way _shared/crypto.ts specifies it (`v1:<iv>:<ciphertext+tag>`,
 * AES-256-GCM, associated data `<organization>:<provider>`), independently of that module.
 */
async function decrypt(stored: string, secret: string, aad: string): Promise<string> {
  const [, iv, sealed] = stored.split(":");
  const key = await webcrypto.subtle.importKey(
    "raw",
    Buffer.from(secret, "base64"),
    "AES-GCM",
    false,
    ["decrypt"],
  );
  const plain = await webcrypto.subtle.decrypt(
    { name: "AES-GCM", iv: Buffer.from(iv!, "base64"), additionalData: Buffer.from(aad) },
    key,
    Buffer.from(sealed!, "base64"),
  );
  return Buffer.from(plain).toString("utf8");
}

async function tokenOf(client: Client): Promise<string> {
  const { data } = await client.auth.getSession();
  return data.session!.access_token;
}

beforeAll(async () => {
  org = await createTestOrg("provider-keys");
  runtime = await startGatewayRuntime();
  engineer = await signIn(org.users.engineer);
  admin = await signIn(org.users.admin);
  pm = await signIn(org.users.product_manager);
  tokens.engineer = await tokenOf(engineer);
  tokens.admin = await tokenOf(admin);
  tokens.pm = await tokenOf(pm);
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await org?.delete();
  await adminSql.end();
});

const send = (who: keyof typeof tokens, body: Record<string, unknown>) =>
  providerKeys(runtime, tokens[who], { organization_id: org.orgId, ...body });

describe("provider keys", () => {
  it("stores a key encrypted, bound to its organization and provider; the browser sees only last4", async () => {
    const plaintext = runtime.fake.keys.openai;
    const added = await send("engineer", { action: "add", provider: "openai", key: plaintext });
    expect(added.status).toBe(201);
    expect(JSON.stringify(added.body)).not.toContain(plaintext);
    expect(added.body.key).toMatchObject({
      provider: "openai",
      last4: plaintext.slice(-4),
      created_by: org.users.engineer.id,
      revoked_at: null,
    });
    expect(added.body.key).not.toHaveProperty("ciphertext");

    const [row] = await adminSql<{ ciphertext: string }[]>`
      select ciphertext from public.provider_keys
      where organization_id = ${org.orgId} and provider = 'openai' and revoked_at is null`;
    expect(row!.ciphertext).toMatch(/^v1:/);
    expect(row!.ciphertext).not.toContain(plaintext);
    expect(await decrypt(row!.ciphertext, runtime.secret, `${org.orgId}:openai`)).toBe(plaintext);
    await expect(
      decrypt(row!.ciphertext, runtime.secret, `${org.orgId}:anthropic`),
    ).rejects.toThrow();

    const listed = await admin
      .from("provider_keys")
      .select("provider, last4, created_by")
      .eq("organization_id", org.orgId);
    expect(listed.error).toBeNull();
    expect(listed.data).toEqual([
      { provider: "openai", last4: plaintext.slice(-4), created_by: org.users.engineer.id },
    ]);
    const secret = await admin.from("provider_keys").select("id, ciphertext");
    expect(secret.error?.code).toBe("42501");
    const hidden = await pm.from("provider_keys").select("id").eq("organization_id", org.orgId);
    expect(hidden.data).toEqual([]);
  });

  it("tests the connection with a real call to the provider and records the result", async () => {
    runtime.fake.reset();
    const ok = await send("admin", { action: "test", provider: "openai" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, key: { last_test_ok: true } });
    expect(runtime.fake.requests).toHaveLength(1);
    expect(runtime.fake.requests[0]!.path).toBe("/v1/chat/completions");

    runtime.fake.enqueue("openai", { error: 401 });
    const refused = await send("admin", { action: "test", provider: "openai" });
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(String(refused.body.message)).toMatch(/^OpenAI rejected the organization's API key/);
    const [row] = await adminSql<{ last_test_ok: boolean; last_test_message: string }[]>`
      select last_test_ok, last_test_message from public.provider_keys
      where organization_id = ${org.orgId} and provider = 'openai' and revoked_at is null`;
    expect(row).toMatchObject({ last_test_ok: false });
    expect(row!.last_test_message).toMatch(/OpenAI rejected/);
  });

  it("keeps one active key per provider: add again is a conflict, rotate replaces it", async () => {
    const again = await send("engineer", {
      action: "add",
      provider: "openai",
      key: "sk-another-key-1234",
    });
    expect(again.status).toBe(409);
    expect((again.body.error as { code: string }).code).toBe("key_exists");

    const rotated = await send("admin", {
      action: "rotate",
      provider: "openai",
      key: "sk-rotated-key-9876",
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatchObject({
      last4: "9876",
      rotated_by: org.users.admin.id,
      last_test_ok: null,
    });
    expect((rotated.body.key as { rotated_at: string | null }).rotated_at).not.toBeNull();
  });

  it("revokes: the ciphertext is erased, testing it is a 404, and a new key can be added", async () => {
    const revoked = await send("engineer", { action: "revoke", provider: "openai" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.key).toMatchObject({ revoked_by: org.users.engineer.id });
    const [row] = await adminSql<{ ciphertext: string | null }[]>`
      select ciphertext from public.provider_keys where id = ${(revoked.body.key as { id: string }).id}`;
    expect(row!.ciphertext).toBeNull();

    const tested = await send("engineer", { action: "test", provider: "openai" });
    expect(tested.status).toBe(404);
    expect((tested.body.error as { code: string }).code).toBe("no_active_key");

    const readded = await send("engineer", {
      action: "add",
      provider: "openai",
      key: runtime.fake.keys.openai,
    });
    expect(readded.status).toBe(201);
  });

  it("refuses other roles, strangers and forged sessions, and changes nothing", async () => {
    const before =
      await adminSql`select count(*)::int as n from public.provider_keys where organization_id = ${org.orgId}`;
    const refused = await send("pm", {
      action: "add",
      provider: "anthropic",
      key: runtime.fake.keys.anthropic,
    });
    expect(refused.status).toBe(403);
    expect((refused.body.error as { code: string }).code).toBe("forbidden");
    const forged = await providerKeys(runtime, "not-a-session", {
      action: "add",
      organization_id: org.orgId,
      provider: "anthropic",
      key: runtime.fake.keys.anthropic,
    });
    expect(forged.status).toBe(401);
    // The RPCs behind the function are out of the browser's reach altogether.
    const direct = await engineer.rpc("manage_provider_key", {
      p_actor: org.users.engineer.id,
      p_action: "add",
      p_organization_id: org.orgId,
      p_provider: "anthropic",
      p_ciphertext: "v1:AAAA:AAAA",
      p_last4: "AAAA",
    });
    expect(direct.error).not.toBeNull();
    const after =
      await adminSql`select count(*)::int as n from public.provider_keys where organization_id = ${org.orgId}`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("audit-logs every change with its actor and never the secret", async () => {
    const rows = await adminSql<
      { action: string; actor_id: string; before: unknown; after: unknown }[]
    >`
      select action, actor_id, before, after from public.audit_log
      where organization_id = ${org.orgId} and entity_type = 'provider_keys' order by id`;
    expect(rows.map((r) => r.action)).toEqual([
      "insert",
      "update",
      "update",
      "update",
      "update",
      "insert",
    ]);
    expect(rows[0]!.actor_id).toBe(org.users.engineer.id);
    expect(rows[3]!.actor_id).toBe(org.users.admin.id);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("ciphertext");
    expect(text).not.toContain(runtime.fake.keys.openai);
    expect(text).not.toContain("sk-rotated-key-9876");
  });
});
