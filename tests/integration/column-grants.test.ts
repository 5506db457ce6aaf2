import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient, type Client } from "./support/clients";
import { adminSql } from "./support/db";
import { ensureFixture, FIXTURE_PASSWORD, type Fixture } from "./support/fixture";

// Column-level grants are part of the security model (docs/permissions.md). They must hold
// through the API exactly as on hosted Supabase, not only at the SQL level.
let fixture: Fixture;
let admin: Client;

beforeAll(async () => {
  fixture = await ensureFixture();
  admin = await signedInClient(fixture.users.admin.email, FIXTURE_PASSWORD);
});

afterAll(async () => {
  await ensureFixture();
  await adminSql.end();
});

describe("column grants through the API", () => {
  it("never let a browser role read an API key's hash, even an admin's", async () => {
    const { data, error } = await admin
      .from("api_keys")
      .select("id, key_hash")
      .eq("id", fixture.orgKeyId);
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
    const listed = await admin.from("api_keys").select("id, prefix").eq("id", fixture.orgKeyId);
    expect(listed.error).toBeNull();
    expect(listed.data).toHaveLength(1);
  });

  it("never let a browser role read a run's question or response columns, even an admin's", async () => {
    const raw = await admin
      .from("llm_runs")
      .select("id, question, response")
      .eq("id", fixture.events.org.run);
    expect(raw.data).toBeNull();
    expect(raw.error?.code).toBe("42501");
    const listed = await admin
      .from("llm_runs")
      .select("id, model")
      .eq("id", fixture.events.org.run);
    expect(listed.error).toBeNull();
    expect(listed.data).toEqual([{ id: fixture.events.org.run, model: "gpt-4o" }]);
    const text = await admin.rpc("run_text", { p_run_id: fixture.events.org.run });
    expect(text.data).toEqual([{ question: "Q", response: "A" }]);
  });

  it("let an admin rename the organization but not change its slug", async () => {
    const renamed = await admin
      .from("organizations")
      .update({ name: "RLS Matrix Renamed" })
      .eq("id", fixture.orgId)
      .select("id");
    expect(renamed.error).toBeNull();
    expect(renamed.data).toHaveLength(1);
    const reslugged = await admin
      .from("organizations")
      .update({ slug: "hijacked" })
      .eq("id", fixture.orgId)
      .select("id");
    expect(reslugged.error?.code).toBe("42501");
  });

  it("let an admin change a member's role but not move the membership to another user", async () => {
    const moved = await admin
      .from("memberships")
      .update({ user_id: fixture.users.non_member.id })
      .eq("organization_id", fixture.orgId)
      .eq("user_id", fixture.scratch.id)
      .select("user_id");
    expect(moved.error?.code).toBe("42501");
  });
});
