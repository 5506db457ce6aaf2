import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSql } from "./support/db";
import { stackEnv } from "./support/env";
import { createApiKey, createTestOrg, signIn, type TestOrg } from "./support/experiments";

/** The ingest edge function through the gateway, as a customer's backend calls it. */
const INGEST_URL = `${stackEnv.apiUrl}/functions/v1/ingest`;

interface Result {
  index: number;
  idempotency_key?: string;
  status: "accepted" | "duplicate" | "rejected";
  id?: string;
  errors?: { field: string; reason: string }[];
}

async function ingest(
  events: unknown[],
  key: string | undefined,
): Promise<{ status: number; body: { results?: Result[]; error?: { code: string } } }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(INGEST_URL, {
    method: "POST",
    headers,
    body: JSON.stringify({ events }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

const now = () => new Date().toISOString();
const runEvent = (key: string, run: Record<string, unknown> = {}) => ({
  type: "run",
  idempotency_key: key,
  occurred_at: now(),
  run,
});
const outcomeEvent = (key: string, outcome: Record<string, unknown>) => ({
  type: "outcome",
  idempotency_key: key,
  occurred_at: now(),
  outcome: { metric_key: "conversion", value: 1, ...outcome },
});

let org: TestOrg;
let other: TestOrg;
let key: string;

beforeAll(async () => {
  org = await createTestOrg("ingest");
  other = await createTestOrg("ingest-other");
  key = (await createApiKey(org, ["ingest"])).secret;
}, 60_000);

afterAll(async () => {
  await org.delete();
  await other.delete();
  await adminSql.end();
});

describe("ingest: batches", () => {
  it("answers a mixed batch per event, in order, and stores only the valid events", async () => {
    const runId = randomUUID();
    const tag = randomUUID();
    const { status, body } = await ingest(
      [
        runEvent(`${tag}-run`, {
          id: runId,
          model: "gpt-4o",
          provider: "openai",
          latency_ms: 1840.5,
          tokens_in: 1250,
          cost_usd: 0.0123,
          tool_calls: [{ name: "lookup", duration_ms: 95, ok: true }],
          metadata: { plan: "pro" },
        }),
        runEvent(`${tag}-bad`, { tokens_in: -1 }),
        outcomeEvent(`${tag}-outcome`, { run_id: runId, value: 129.9, metric_key: "order_value" }),
        {
          type: "feedback",
          idempotency_key: `${tag}-fb`,
          occurred_at: now(),
          feedback: { run_id: runId, thumbs: "up", rating: 5 },
        },
        {
          type: "run_failed",
          idempotency_key: `${tag}-fail`,
          occurred_at: now(),
          run_failed: { run_id: runId, error_type: "tool", error_message: "CRM down" },
        },
        {
          type: "outcome",
          idempotency_key: `${tag}-o2`,
          occurred_at: "2020-01-01T00:00:00Z",
          outcome: { metric_key: "conversion", value: 1, account: "a" },
        },
      ],
      key,
    );
    expect(status).toBe(200);
    const results = body.results!;
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "accepted"],
      [1, "rejected"],
      [2, "accepted"],
      [3, "accepted"],
      [4, "accepted"],
      [5, "rejected"],
    ]);
    expect(results[0]).toEqual({
      index: 0,
      idempotency_key: `${tag}-run`,
      status: "accepted",
      id: runId,
    });
    expect(results[1]!.errors).toEqual([{ field: "run.tokens_in", reason: "must be at least 0" }]);
    expect(results[5]!.errors).toEqual([
      { field: "occurred_at", reason: "occurred_at is older than 2 years" },
    ]);

    const [run] = await adminSql`
      select organization_id, model, latency_ms::text, tokens_in, cost_usd::text, status, tool_calls, metadata
      from public.llm_runs where id = ${runId}`;
    expect(run).toEqual({
      organization_id: org.orgId,
      model: "gpt-4o",
      latency_ms: "1840.5",
      tokens_in: 1250,
      cost_usd: "0.0123",
      status: "ok",
      tool_calls: [{ name: "lookup", duration_ms: 95, ok: true }],
      metadata: { plan: "pro" },
    });
    const [outcome] =
      await adminSql`select value::text, run_id, source from public.outcomes where id = ${results[2]!.id!}`;
    expect(outcome).toEqual({ value: "129.9", run_id: runId, source: "api" });
    const [fb] =
      await adminSql`select thumbs, rating from public.feedback where id = ${results[3]!.id!}`;
    expect(fb).toEqual({ thumbs: "up", rating: 5 });
    const [failed] =
      await adminSql`select type, run_id from public.run_lifecycle_events where id = ${results[4]!.id!}`;
    expect(failed).toEqual({ type: "run_failed", run_id: runId });
    const [{ count }] = await adminSql<
      [{ count: number }]
    >`select count(*)::int from public.llm_runs where idempotency_key = ${`${tag}-bad`}`;
    expect(count).toBe(0);
  });

  it("retrying the same batch 5× concurrently stores each event once, and every copy gets the same ids", async () => {
    const tag = randomUUID();
    const events = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? runEvent(`${tag}-${i}`, { external_id: `${tag}-ext-${i}`, model: "gpt-4o" })
        : outcomeEvent(`${tag}-${i}`, { account: `acct-${i}` }),
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => ingest(events, key)));
    for (const answer of answers) expect(answer.status).toBe(200);
    const ids = answers.map((a) => a.body.results!.map((r) => r.id));
    for (const other of ids.slice(1)) expect(other).toEqual(ids[0]);
    // Exactly one copy was accepted per event; the others were duplicates.
    for (let i = 0; i < events.length; i++) {
      const statuses = answers.map((a) => a.body.results![i]!.status).sort();
      expect(statuses).toEqual(["accepted", "duplicate", "duplicate", "duplicate", "duplicate"]);
    }
    const [{ runs }] = await adminSql<[{ runs: number }]>`
      select count(*)::int as runs from public.llm_runs where idempotency_key like ${tag + "-%"}`;
    const [{ outcomes }] = await adminSql<[{ outcomes: number }]>`
      select count(*)::int as outcomes from public.outcomes where idempotency_key like ${tag + "-%"}`;
    expect([runs, outcomes]).toEqual([100, 100]);

    // No loss: every accepted id can be read back, by a member, through the Data API.
    const client = await signIn(org.users.operations);
    const runIds = ids[0]!.filter((_, i) => i % 2 === 0) as string[];
    const outcomeIds = ids[0]!.filter((_, i) => i % 2 === 1) as string[];
    const readRuns = await client.from("llm_runs").select("id").in("id", runIds);
    const readOutcomes = await client.from("outcomes").select("id").in("id", outcomeIds);
    expect(readRuns.error).toBeNull();
    expect(readOutcomes.error).toBeNull();
    expect(new Set(readRuns.data!.map((r) => r.id))).toEqual(new Set(runIds));
    expect(new Set(readOutcomes.data!.map((r) => r.id))).toEqual(new Set(outcomeIds));
  });

  it("a key repeated within a batch is a duplicate; reused for other content, or a run id reused, is rejected", async () => {
    const tag = randomUUID();
    const runId = randomUUID();
    const first = runEvent(`${tag}-a`, { id: runId, model: "m" });
    const { body } = await ingest(
      [first, first, runEvent(`${tag}-a`, { model: "other" }), runEvent(`${tag}-b`, { id: runId })],
      key,
    );
    expect(body.results).toEqual([
      { index: 0, idempotency_key: `${tag}-a`, status: "accepted", id: runId },
      { index: 1, idempotency_key: `${tag}-a`, status: "duplicate", id: runId },
      {
        index: 2,
        idempotency_key: `${tag}-a`,
        status: "rejected",
        errors: [{ field: "idempotency_key", reason: "was already used for a different event" }],
      },
      {
        index: 3,
        idempotency_key: `${tag}-b`,
        status: "rejected",
        errors: [{ field: "run.id", reason: "is already the id of another run" }],
      },
    ]);
    // The same key in another table is "a different event" too.
    const again = await ingest([outcomeEvent(`${tag}-a`, { account: "x" })], key);
    expect(again.body.results![0]!.status).toBe("rejected");
  });

  it("keeps outcomes, feedback and lifecycle events that arrive before their run, and links them when it does", async () => {
    const tag = randomUUID();
    const external = `agent-run-${tag}`;
    const early = await ingest(
      [
        outcomeEvent(`${tag}-o`, { run_external_id: external }),
        {
          type: "feedback",
          idempotency_key: `${tag}-f`,
          occurred_at: now(),
          feedback: { run_external_id: external, thumbs: "down" },
        },
        {
          type: "run_completed",
          idempotency_key: `${tag}-c`,
          occurred_at: now(),
          run_completed: { run_external_id: external, duration_ms: 900 },
        },
      ],
      key,
    );
    expect(early.body.results!.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    const [before] =
      await adminSql`select run_id from public.outcomes where id = ${early.body.results![0]!.id!}`;
    expect(before!.run_id).toBeNull();

    const late = await ingest([runEvent(`${tag}-r`, { external_id: external })], key);
    const runId = late.body.results![0]!.id!;
    const linked = await adminSql`
      select run_id from public.outcomes where id = ${early.body.results![0]!.id!}
      union all select run_id from public.feedback where id = ${early.body.results![1]!.id!}
      union all select run_id from public.run_lifecycle_events where id = ${early.body.results![2]!.id!}`;
    expect(linked.map((r) => r.run_id)).toEqual([runId, runId, runId]);

    // An outcome after its run is linked at once.
    const after = await ingest([outcomeEvent(`${tag}-o2`, { run_external_id: external })], key);
    const [row] =
      await adminSql`select run_id from public.outcomes where id = ${after.body.results![0]!.id!}`;
    expect(row!.run_id).toBe(runId);
  });
});

describe("ingest: keys", () => {
  it("401 for a missing or unknown key, 401 revoked_api_key for a revoked one, 403 without the ingest scope", async () => {
    expect((await ingest([], undefined)).body.error!.code).toBe("invalid_api_key");
    expect((await ingest([], "cw_000000000000_nope")).status).toBe(401);

    const revoked = await createApiKey(org, ["ingest"]);
    await adminSql`update public.api_keys set revoked_at = now() where id = ${revoked.id}`;
    const tag = randomUUID();
    const res = await ingest([runEvent(`${tag}-r`)], revoked.secret);
    expect(res.status).toBe(401);
    expect(res.body.error!.code).toBe("revoked_api_key");

    const resolveOnly = await createApiKey(org, ["resolve"]);
    const scoped = await ingest([runEvent(`${tag}-r`)], resolveOnly.secret);
    expect(scoped.status).toBe(403);
    expect(scoped.body.error!.code).toBe("missing_scope");
    const [{ count }] = await adminSql<
      [{ count: number }]
    >`select count(*)::int from public.llm_runs where idempotency_key = ${`${tag}-r`}`;
    expect(count).toBe(0);
  });

  it("stores events in the key's organization only", async () => {
    const tag = randomUUID();
    const { body } = await ingest([runEvent(`${tag}-r`)], key);
    const client = await signIn(other.users.admin);
    const { data } = await client.from("llm_runs").select("id").eq("id", body.results![0]!.id!);
    expect(data).toEqual([]);
  });
});

describe("ingest: question and response text", () => {
  const text = {
    question: "Mail me at ann.lee@example.com or call +1 (415) 555-0100 about order 2026-06-01",
    response: "Sure, Ann: I will call 415.555.0100.",
  };

  it("enablement cannot read the text through the Data API or run_text; a product manager can", async () => {
    const { body } = await ingest([runEvent(randomUUID(), text)], key);
    const runId = body.results![0]!.id!;

    const enablement = await signIn(org.users.enablement);
    const visible = await enablement.from("llm_runs").select("id, model").eq("id", runId);
    expect(visible.data).toEqual([{ id: runId, model: null }]);
    const raw = await enablement.from("llm_runs").select("question, response").eq("id", runId);
    expect(raw.error?.code).toBe("42501");
    const viaRpc = await enablement.rpc("run_text", { p_run_id: runId });
    expect(viaRpc.error?.code).toBe("42501");

    const pm = await signIn(org.users.product_manager);
    const rawPm = await pm.from("llm_runs").select("question").eq("id", runId);
    expect(rawPm.error?.code).toBe("42501");
    const textPm = await pm.rpc("run_text", { p_run_id: runId });
    expect(textPm.error).toBeNull();
    expect(textPm.data).toEqual([text]);

    const outsider = await signIn(other.users.admin);
    expect((await outsider.rpc("run_text", { p_run_id: runId })).error?.code).toBe("42501");
  });

  it("redacts emails and phone numbers under the redact policy, and drops the text under drop", async () => {
    await adminSql`update public.organization_settings set run_text_policy = 'redact' where organization_id = ${org.orgId}`;
    const redacted = await ingest([runEvent(randomUUID(), text)], key);
    await adminSql`update public.organization_settings set run_text_policy = 'drop' where organization_id = ${org.orgId}`;
    const dropped = await ingest([runEvent(randomUUID(), text)], key);
    await adminSql`update public.organization_settings set run_text_policy = 'store' where organization_id = ${org.orgId}`;

    const [r] =
      await adminSql`select question, response from public.llm_runs where id = ${redacted.body.results![0]!.id!}`;
    expect(r).toEqual({
      question: "Mail me at [email] or call [phone] about order 2026-06-01",
      response: "Sure, Ann: I will call [phone].",
    });
    const [d] =
      await adminSql`select question, response from public.llm_runs where id = ${dropped.body.results![0]!.id!}`;
    expect(d).toEqual({ question: null, response: null });
  });
});
