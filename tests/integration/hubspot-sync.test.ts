/**
 * The HubSpot sync end to end: the hubspot-sync edge function (production code, in Deno) against
 * the real database and API, talking to the fake HubSpot (tests/fakes/hubspot.ts), which pages
 * search results 3 at a time. The function runs in its own edge runtime here, because its
 * HubSpot base URL and encryption secret come from the functions' environment.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendQueuedFunctionCalls } from "../../scripts/lib/scheduler";
import type { EdgeRuntime } from "../../scripts/lib/edge-runtime";
import { startFakeHubspot, type FakeHubspot, type FakePortal } from "../fakes/hubspot";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import { stackEnv } from "./support/env";
import { createTestOrg, signIn, type TestOrg } from "./support/experiments";
import { startFunctionsRuntime } from "./support/functions-runtime";

let fake: FakeHubspot;
let runtime: EdgeRuntime;
let org: TestOrg;
let portal: FakePortal;
let engineer: Client;
let enablement: Client;
let tokens: { engineer: string; enablement: string; admin: string };

interface Run {
  id: string;
  status: string;
  pages: number;
  records: number;
  outcomes_written: number;
  error: string | null;
  retry_after: string | null;
}

async function call(
  body: Record<string, unknown>,
  bearer: string,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${runtime.url}/functions/v1/hubspot-sync`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${bearer}`,
      apikey: stackEnv.publishableKey,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

const sync = async (extra: Record<string, unknown> = {}) => {
  const res = await call({ action: "sync", organization_id: org.orgId, ...extra }, tokens.engineer);
  return { ...res, run: res.body.run as Run };
};

const hubspotOutcomes = () => adminSql<
  { idempotency_key: string; metric_key: string; value: string; account: string }[]
>`
  select idempotency_key, metric_key, value, account from public.outcomes
  where organization_id = ${org.orgId} and source = 'hubspot' order by idempotency_key`;

const connection = async () =>
  (
    await adminSql<
      {
        status: string;
        cursor: { deals?: { modified_at: string; id: string } };
        next_sync_after: Date | null;
        last_error: string | null;
        ciphertext: string;
      }[]
    >`select status, cursor, next_sync_after, last_error, ciphertext
      from public.hubspot_connections where organization_id = ${org.orgId}`
  )[0];

async function accessToken(client: Client): Promise<string> {
  const { data } = await client.auth.getSession();
  return data.session!.access_token;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

beforeAll(async () => {
  fake = await startFakeHubspot({ pageSize: 3 });
  portal = fake.createPortal();
  runtime = await startFunctionsRuntime({
    PROVIDER_KEYS_SECRET: randomBytes(32).toString("base64"),
    HUBSPOT_API_BASE_URL: fake.url,
  });
  org = await createTestOrg("hubspot");
  await adminSql`
    insert into public.metric_definitions (organization_id, key, name, aggregation, direction) values
      (${org.orgId}, 'conversion', 'Conversion', 'rate', 'higher_is_better'),
      (${org.orgId}, 'order_value', 'Order value', 'sum', 'higher_is_better')`;
  engineer = await signIn(org.users.engineer);
  enablement = await signIn(org.users.enablement);
  tokens = {
    engineer: await accessToken(engineer),
    enablement: await accessToken(enablement),
    admin: await accessToken(await signIn(org.users.admin)),
  };
  // Ten deals, every other one closed won, a minute apart.
  for (let i = 0; i < 10; i++) {
    portal.upsert(
      "deals",
      String(1000 + i),
      {
        dealname: `Deal ${i}`,
        dealstage: i % 2 === 0 ? "closedwon" : "contractsent",
        amount: String(100 * (i + 1)),
        customer_account: `acct-${i}`,
      },
      minutesAgo(30 - i),
    );
  }
}, 90_000);

afterAll(async () => {
  await org?.delete();
  await runtime?.stop();
  await fake?.close();
  await adminSql.end();
});

describe("hubspot-sync: connecting", () => {
  it("refuses a token HubSpot rejects, and stores nothing", async () => {
    const res = await call(
      { action: "connect", organization_id: org.orgId, token: "pat-na1-not-a-real-token" },
      tokens.engineer,
    );
    expect(res.status).toBe(422);
    expect((res.body.error as { code: string }).code).toBe("invalid_token");
    expect(await connection()).toBeUndefined();
  });

  it("names a missing scope", async () => {
    const limited = fake.createPortal({
      scopes: ["crm.objects.deals.read", "crm.schemas.deals.read"],
    });
    const res = await call(
      { action: "connect", organization_id: org.orgId, token: limited.token },
      tokens.engineer,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "missing_scopes" });
    expect((res.body.error as { message: string }).message).toContain("crm.objects.contacts.read");
  });

  it("is for engineers and admins only", async () => {
    const res = await call(
      { action: "connect", organization_id: org.orgId, token: portal.token },
      tokens.enablement,
    );
    expect(res.status).toBe(403);
    expect(await connection()).toBeUndefined();
  });

  it("validates the token with HubSpot and stores it encrypted, readable by nobody in the browser", async () => {
    const res = await call(
      { action: "connect", organization_id: org.orgId, token: portal.token },
      tokens.engineer,
    );
    expect(res.status).toBe(200);
    expect(res.body.connection).toEqual({
      portal_id: String(portal.portalId),
      token_last_four: portal.token.slice(-4),
      status: "connected",
    });
    const stored = await connection();
    expect(stored!.ciphertext).toMatch(/^v1:/);
    expect(stored!.ciphertext).not.toContain(portal.token.slice(9, 20));
    // Every member reads the status; no browser role reads the ciphertext.
    const status = await enablement
      .from("hubspot_connections")
      .select("portal_id, status, token_last_four")
      .eq("organization_id", org.orgId)
      .single();
    expect(status.data).toMatchObject({ portal_id: String(portal.portalId), status: "connected" });
    const secret = await engineer
      .from("hubspot_connections")
      .select("ciphertext" as never)
      .eq("organization_id", org.orgId);
    expect(secret.error?.code).toBe("42501");
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${portal.token}`);
  });

  it("lists deal stages and properties through the function, for the mapping editor", async () => {
    const pipelines = await call(
      { action: "pipelines", organization_id: org.orgId },
      tokens.engineer,
    );
    expect(pipelines.status).toBe(200);
    const stages = (pipelines.body.pipelines as { stages: { id: string; closed: boolean }[] }[])[0]!
      .stages;
    expect(stages.find((s) => s.id === "closedwon")).toMatchObject({ closed: true });
    const properties = await call(
      { action: "properties", organization_id: org.orgId, object: "contacts" },
      tokens.admin,
    );
    expect(properties.status).toBe(200);
    expect((properties.body.properties as { name: string }[]).map((p) => p.name)).toContain(
      "lifecyclestage",
    );
  });
});

describe("hubspot-sync: syncing", () => {
  it("lets engineers map stages and properties to metrics; enablement cannot", async () => {
    const denied = await enablement.from("hubspot_mappings").insert({
      organization_id: org.orgId,
      object: "deals",
      transform: "one",
      property: "dealstage",
      equals: "closedwon",
      metric_key: "conversion",
    });
    expect(denied.error?.code).toBe("42501");
    const { error } = await engineer.from("hubspot_mappings").insert([
      {
        organization_id: org.orgId,
        object: "deals",
        transform: "one",
        property: "dealstage",
        equals: "closedwon",
        metric_key: "conversion",
        account_property: "customer_account",
      },
      {
        organization_id: org.orgId,
        object: "deals",
        transform: "property_number",
        property: "amount",
        only_when_stage: "closedwon",
        metric_key: "order_value",
        account_property: "customer_account",
      },
    ]);
    expect(error).toBeNull();
  });

  it("syncs every page into outcomes, linked to the account, and advances the cursor", async () => {
    const searchesBefore = fake.requests.filter((r) => r.path.endsWith("/search")).length;
    const res = await sync();
    expect(res.status).toBe(200);
    expect(res.run).toMatchObject({
      status: "succeeded",
      pages: 4,
      records: 10,
      outcomes_written: 10,
      error: null,
    });
    expect(fake.requests.filter((r) => r.path.endsWith("/search")).length - searchesBefore).toBe(4);
    const rows = await hubspotOutcomes();
    expect(rows).toHaveLength(10);
    const won = rows.filter((r) => r.metric_key === "conversion");
    expect(won.map((r) => r.account).sort()).toEqual(
      ["acct-0", "acct-2", "acct-4", "acct-6", "acct-8"].sort(),
    );
    expect(rows.filter((r) => r.metric_key === "order_value").map((r) => Number(r.value))).toEqual(
      expect.arrayContaining([100, 300, 500, 700, 900]),
    );
    expect((await connection())!.cursor.deals!.id).toBe("1009");
    const history = await enablement
      .from("hubspot_sync_runs")
      .select("trigger, status, pages, records, outcomes_written")
      .eq("organization_id", org.orgId);
    expect(history.data).toEqual([
      { trigger: "manual", status: "succeeded", pages: 4, records: 10, outcomes_written: 10 },
    ]);
  });

  it("writes nothing new on a re-sync, and nothing twice on a full re-sync", async () => {
    const again = await sync();
    expect(again.run).toMatchObject({ status: "succeeded", outcomes_written: 0 });
    expect(again.run.records).toBeLessThan(10);
    const full = await sync({ full: true });
    expect(full.run).toMatchObject({ status: "succeeded", records: 10, outcomes_written: 0 });
    expect(await hubspotOutcomes()).toHaveLength(10);
  });

  it("picks up a deal modified after the cursor", async () => {
    portal.upsert("deals", "1003", { dealstage: "closedwon" });
    const res = await sync();
    expect(res.run).toMatchObject({ status: "succeeded", outcomes_written: 2 });
    const keys = (await hubspotOutcomes()).map((r) => r.idempotency_key);
    expect(keys.filter((k) => k.startsWith("hubspot:deals:1003:"))).toHaveLength(2);
    expect((await connection())!.cursor.deals!.id).toBe("1003");
  });

  it("waits out a 429 with a short Retry-After and finishes", async () => {
    portal.upsert("deals", "1005", { dealstage: "closedwon" });
    portal.enqueue({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const res = await sync();
    expect(res.run).toMatchObject({ status: "succeeded", outcomes_written: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
  });

  it("stops at a 429 with a long Retry-After, and no sync starts before it", async () => {
    portal.upsert("deals", "1007", { dealstage: "closedwon" });
    portal.enqueue({ status: 429, retryAfterSeconds: 120 });
    const res = await sync();
    expect(res.run.status).toBe("rate_limited");
    const after = (await connection())!.next_sync_after!;
    expect(after.getTime() - Date.now()).toBeGreaterThan(100_000);

    const refused = await sync();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(100);

    // Scheduled syncs skip it too, until the time has come.
    const [{ due }] = await adminSql<[{ due: boolean }]>`
      select ${org.orgId}::uuid in (select public.hubspot_due_connections()) as due`;
    expect(due).toBe(false);
    await adminSql`update public.hubspot_connections set next_sync_after = now() where organization_id = ${org.orgId}`;
    const resumed = await sync();
    expect(resumed.run).toMatchObject({ status: "succeeded", outcomes_written: 2 });
  });

  it("runs from the scheduled job with the service key", async () => {
    portal.upsert("deals", "1009", { amount: "1234" });
    const forged = await call({ action: "sync-due" }, tokens.admin);
    expect(forged.status).toBe(403);

    const [job] = await adminSql<{ command: string }[]>`
      select command from private.scheduled_jobs where name = 'hubspot.sync'`;
    await adminSql.unsafe(job!.command);
    const sent = await sendQueuedFunctionCalls(adminSql, {
      url: `${runtime.url}/functions/v1`,
      serviceKey: stackEnv.secretKey,
    });
    expect(sent).toBeGreaterThanOrEqual(1);
    const [run] = await adminSql<{ trigger: string; status: string; records: number }[]>`
      select trigger, status, records from public.hubspot_sync_runs
      where organization_id = ${org.orgId} order by started_at desc limit 1`;
    expect(run).toMatchObject({ trigger: "scheduled", status: "succeeded" });
    expect(run!.records).toBeGreaterThanOrEqual(1);
  });

  it("marks the connection when HubSpot stops accepting the token", async () => {
    portal.revoke();
    const res = await sync();
    expect(res.run.status).toBe("failed");
    expect(res.run.error).toMatch(/HubSpot rejected the token/);
    const stored = await connection();
    expect(stored).toMatchObject({ status: "invalid_token" });
    const [{ due }] = await adminSql<[{ due: boolean }]>`
      select ${org.orgId}::uuid in (select public.hubspot_due_connections()) as due`;
    expect(due).toBe(false);
  });

  it("disconnects for engineers and admins only", async () => {
    const denied = await enablement
      .from("hubspot_connections")
      .delete()
      .eq("organization_id", org.orgId)
      .select("organization_id");
    expect(denied.data ?? []).toHaveLength(0);
    const removed = await engineer
      .from("hubspot_connections")
      .delete()
      .eq("organization_id", org.orgId)
      .select("organization_id");
    expect(removed.data).toHaveLength(1);
    expect(await connection()).toBeUndefined();
    // The history and the outcomes stay.
    expect((await hubspotOutcomes()).length).toBeGreaterThan(10);
  });
});
