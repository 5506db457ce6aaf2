import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateOutcomeRow } from "../../supabase/functions/_shared/outcome-rows";
import { signWebhookPayload } from "../../supabase/functions/_shared/webhook-signature";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import { stackEnv } from "./support/env";
import { createTestOrg, signIn, type TestOrg } from "./support/experiments";

interface RowResult {
  index: number;
  status: "accepted" | "duplicate" | "rejected";
  id?: string;
  errors?: { field: string; reason: string }[];
}

let org: TestOrg;
let other: TestOrg;
let operations: Client;
let engineer: Client;

beforeAll(async () => {
  org = await createTestOrg("outcomes-in");
  other = await createTestOrg("outcomes-in-other");
  for (const [key, archived] of [
    ["csat", false],
    ["order_value", false],
    ["retired", true],
  ] as const) {
    await adminSql`
      insert into public.metric_definitions (organization_id, key, name, aggregation, direction, archived_at)
      values (${org.orgId}, ${key}, ${key}, 'mean', 'higher_is_better', ${archived ? new Date() : null})`;
  }
  operations = await signIn(org.users.operations);
  engineer = await signIn(org.users.engineer);
}, 60_000);

afterAll(async () => {
  await org.delete();
  await other.delete();
  await adminSql.end();
});

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
const row = (key: string, extra: Record<string, unknown> = {}) => ({
  idempotency_key: key,
  metric_key: "csat",
  value: 4,
  occurred_at: iso(-60_000),
  conversation_id: "conv-1",
  ...extra,
});

async function record(
  client: Client,
  rows: unknown[],
  organizationId = org.orgId,
  source = "csv",
): Promise<{ results?: RowResult[]; error?: { code?: string; message: string } }> {
  const { data, error } = await client.rpc("record_outcomes", {
    p_organization_id: organizationId,
    p_source: source,
    p_rows: rows as never,
  });
  if (error) return { error };
  return { results: (data as unknown as { results: RowResult[] }).results };
}

describe("record_outcomes", () => {
  it("answers every row in order, stores the valid ones with their source, refuses the rest with reasons", async () => {
    const tag = randomUUID();
    const { results, error } = await record(operations, [
      row(`${tag}-a`, { value: 5, account: "northwind" }),
      row(`${tag}-b`, { metric_key: "nps" }),
      row(`${tag}-c`, { metric_key: "retired" }),
      row(`${tag}-d`, { value: "4", occurred_at: "yesterday", conversation_id: undefined }),
      row(`${tag}-e`, { source: "api" }),
      "not a row",
    ]);
    expect(error).toBeUndefined();
    expect(results!.map((r) => r.status)).toEqual([
      "accepted",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect(results![1]!.errors).toEqual([
      {
        field: "metric_key",
        reason:
          'is not a metric of this organization: "nps" (define it under Taxonomy, Metrics first)',
      },
    ]);
    expect(results![2]!.errors).toEqual([
      {
        field: "metric_key",
        reason: '"retired" is archived; restore it under Taxonomy to record outcomes for it',
      },
    ]);
    expect(results![3]!.errors).toEqual([
      { field: "value", reason: "must be a number" },
      {
        field: "occurred_at",
        reason: "must be an ISO 8601 timestamp with a timezone, like 2026-01-31T09:30:00Z",
      },
      {
        field: "",
        reason:
          "must be linked to a run_id, run_external_id, conversation_id, end_user_id or account",
      },
    ]);
    expect(results![4]!.errors).toEqual([{ field: "source", reason: "is not a known field" }]);
    expect(results![5]!.errors).toEqual([{ field: "", reason: "must be an object" }]);

    const stored = await adminSql`
      select id, metric_key, value::float8 as value, source, account, conversation_id
      from public.outcomes where organization_id = ${org.orgId} and idempotency_key like ${tag + "%"}`;
    expect(stored).toEqual([
      {
        id: results![0]!.id,
        metric_key: "csat",
        value: 5,
        source: "csv",
        account: "northwind",
        conversation_id: "conv-1",
      },
    ]);
  });

  it("applies the ingest contract's time window, with the same reasons, at its boundaries", async () => {
    const tag = randomUUID();
    const cases = [
      { key: `${tag}-ahead-ok`, at: iso(4 * 60_000) },
      { key: `${tag}-ahead`, at: iso(6 * 60_000 + 30_000) },
      { key: `${tag}-old-ok`, at: iso(-(2 * 365 - 2) * 86_400_000) },
      { key: `${tag}-old`, at: iso(-(2 * 365 + 2) * 86_400_000) },
    ];
    const rows = cases.map((c) => row(c.key, { occurred_at: c.at }));
    const { results } = await record(operations, rows);
    const now = new Date();
    const expected = rows.map((r) => {
      const check = validateOutcomeRow(r, now);
      return check.status === "valid" ? "accepted" : check.errors;
    });
    expect(results!.map((r) => (r.status === "rejected" ? r.errors : r.status))).toEqual(expected);
    expect(expected).toEqual([
      "accepted",
      [{ field: "occurred_at", reason: "occurred_at is 6 minutes in the future" }],
      "accepted",
      [{ field: "occurred_at", reason: "occurred_at is older than 2 years" }],
    ]);
  });

  it("is idempotent per row: a retry is a duplicate, a changed row under a used key is refused", async () => {
    const tag = randomUUID();
    const rows = [row(`${tag}-1`), row(`${tag}-2`, { value: 2 })];
    const first = await record(operations, rows);
    const again = await record(operations, [...rows, row(`${tag}-1`, { value: 1 })]);
    expect(again.results!.slice(0, 2)).toEqual(
      first.results!.map((r) => ({ index: r.index, status: "duplicate", id: r.id })),
    );
    expect(again.results![2]).toEqual({
      index: 2,
      status: "rejected",
      errors: [{ field: "idempotency_key", reason: "was already used for a different outcome" }],
    });
    const [counted] = await adminSql<{ count: number }[]>`
      select count(*)::int from public.outcomes where idempotency_key like ${tag + "%"}`;
    expect(counted!.count).toBe(2);
  });

  it("stores each row once when the same chunk is sent several times at once", async () => {
    const tag = randomUUID();
    const rows = Array.from({ length: 300 }, (_, i) =>
      row(`${tag}-${i}`, { value: i, conversation_id: `conv-${i}` }),
    );
    const clients = [operations, engineer, await signIn(org.users.admin), operations];
    const answers = await Promise.all(clients.map((client) => record(client, rows)));
    for (const answer of answers) {
      expect(answer.error).toBeUndefined();
      expect(
        answer.results!.every((r) => r.status === "accepted" || r.status === "duplicate"),
      ).toBe(true);
    }
    // Every copy names the same stored row for each line, and exactly one copy stored it.
    for (let i = 0; i < rows.length; i++) {
      const ids = new Set(answers.map((a) => a.results![i]!.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((a) => a.results![i]!.status === "accepted")).toHaveLength(1);
    }
    const [counted] = await adminSql<{ count: number }[]>`
      select count(*)::int from public.outcomes where idempotency_key like ${tag + "-%"}`;
    expect(counted!.count).toBe(rows.length);
  });

  it("lets product managers, operations, engineers and admins record; nobody else, nowhere else", async () => {
    for (const role of ["product_manager", "operations", "engineer", "admin"] as const) {
      const client = await signIn(org.users[role]);
      expect(
        (await record(client, [row(`${role}-${randomUUID()}`)], org.orgId, "manual")).error,
      ).toBeUndefined();
    }
    for (const role of ["prompt_engineer", "enablement"] as const) {
      const client = await signIn(org.users[role]);
      expect((await record(client, [row(randomUUID())])).error?.code).toBe("42501");
    }
    // Another organization's member, into this one; and this one's member, into the other.
    expect((await record(await signIn(other.users.admin), [row(randomUUID())])).error?.code).toBe(
      "42501",
    );
    expect((await record(operations, [row(randomUUID())], other.orgId)).error?.code).toBe("42501");
  });

  it("refuses a source other than csv or manual, and more than 1,000 rows in one call", async () => {
    expect((await record(operations, [], org.orgId, "hubspot")).error?.message).toMatch(
      /csv or manual/,
    );
    const tooMany = Array.from({ length: 1001 }, (_, i) => row(`too-many-${i}`));
    expect((await record(operations, tooMany)).error?.message).toMatch(/At most 1000 outcomes/);
  });
});

describe("the outcomes-webhook function, through the gateway", () => {
  let endpointId: string;
  let secret: string;
  const url = () => `${stackEnv.apiUrl}/functions/v1/outcomes-webhook/${endpointId}`;

  beforeAll(async () => {
    const { data, error } = await engineer.rpc("create_webhook_endpoint", {
      p_organization_id: org.orgId,
      p_name: "Helpdesk",
    });
    expect(error).toBeNull();
    endpointId = data![0]!.id;
    secret = data![0]!.secret;
  });

  async function deliver(
    body: unknown,
    options: { secret?: string; signedAt?: Date; signature?: string } = {},
  ): Promise<{ status: number; body: { results?: RowResult[]; error?: { code: string } } }> {
    const raw = JSON.stringify(body);
    const signature =
      options.signature ??
      (await signWebhookPayload({
        secret: options.secret ?? secret,
        rawBody: raw,
        now: options.signedAt,
      }));
    const res = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-causeway-signature": signature },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  it("stores a signed delivery with source webhook and answers per row", async () => {
    const tag = randomUUID();
    const res = await deliver({
      outcomes: [row(`${tag}-ok`, { end_user_id: "u-1" }), row(`${tag}-bad`, { value: "x" })],
    });
    expect(res.status).toBe(200);
    expect(res.body.results!.map((r) => r.status)).toEqual(["accepted", "rejected"]);
    const [stored] = await adminSql`
      select source, end_user_id from public.outcomes where id = ${res.body.results![0]!.id!}`;
    expect(stored).toEqual({ source: "webhook", end_user_id: "u-1" });
    const [endpoint] = await adminSql`
      select last_used_at is not null as used from public.webhook_endpoints where id = ${endpointId}`;
    expect(endpoint).toEqual({ used: true });
  });

  it("refuses a bad signature, a stale timestamp and a replayed delivery with 401 and a clear code", async () => {
    const wrong = await deliver(row(randomUUID()), { secret: "whsec_not-the-secret" });
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, "signature_mismatch"]);

    const stale = await deliver(row(randomUUID()), { signedAt: new Date(Date.now() - 6 * 60_000) });
    expect([stale.status, stale.body.error?.code]).toEqual([401, "timestamp_outside_tolerance"]);

    const body = row(randomUUID());
    const signature = await signWebhookPayload({ secret, rawBody: JSON.stringify(body) });
    // The same signed request twice at once: exactly one gets through.
    const [a, b] = await Promise.all([deliver(body, { signature }), deliver(body, { signature })]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const replayed = [a, b].find((r) => r.status === 401)!;
    expect(replayed.body.error?.code).toBe("replayed_delivery");
    const again = await deliver(body, { signature });
    expect([again.status, again.body.error?.code]).toEqual([401, "replayed_delivery"]);

    // Signed afresh it is a new delivery, and its outcome is recognised as already stored.
    const resigned = await deliver(body, { signedAt: new Date(Date.now() + 1000) });
    expect(resigned.status).toBe(200);
    expect(resigned.body.results![0]!.status).toBe("duplicate");
  });

  it("keeps the rotated-out secret working for its grace period, and refuses deliveries while disabled", async () => {
    const { data, error } = await engineer.rpc("rotate_webhook_secret", {
      p_endpoint_id: endpointId,
    });
    expect(error).toBeNull();
    const rotated = data![0]!.secret;
    expect((await deliver(row(randomUUID()), { secret })).status).toBe(200);
    expect((await deliver(row(randomUUID()), { secret: rotated })).status).toBe(200);
    secret = rotated;

    await engineer.rpc("set_webhook_endpoint_enabled", {
      p_endpoint_id: endpointId,
      p_enabled: false,
    });
    const disabled = await deliver(row(randomUUID()));
    expect([disabled.status, disabled.body.error?.code]).toEqual([403, "endpoint_disabled"]);
    await engineer.rpc("set_webhook_endpoint_enabled", {
      p_endpoint_id: endpointId,
      p_enabled: true,
    });
    expect((await deliver(row(randomUUID()))).status).toBe(200);
  });

  it("never lets a browser role read a secret", async () => {
    const admin = await signIn(org.users.admin);
    const { data } = await admin.from("webhook_endpoints").select("*").eq("id", endpointId);
    expect(JSON.stringify(data)).not.toContain(secret);
    const { error } = await admin.rpc("webhook_endpoint_secrets", { p_endpoint_id: endpointId });
    expect(error?.code).toBe("42501");
  });

  it("answers 404 for an endpoint that does not exist", async () => {
    endpointId = randomUUID();
    const res = await deliver(row(randomUUID()));
    expect([res.status, res.body.error?.code]).toEqual([404, "unknown_endpoint"]);
  });
});
