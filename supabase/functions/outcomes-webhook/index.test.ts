import assert from "node:assert/strict";
import webhook from "./index.ts";
import { signWebhookPayload } from "../_shared/webhook-signature.ts";

interface RpcCall {
  fn: string;
  apikey: string | null;
  body: Record<string, unknown>;
}

/** What the fake database knows: the endpoint's state and secrets, and the replay keys seen. */
interface FakeDb {
  status: "ok" | "unknown" | "disabled";
  secrets: string[];
  seen: Set<string>;
}

/** A local server imitating PostgREST's two RPCs the function calls, over HTTP. */
async function withDatabase(
  db: FakeDb,
  fn: (calls: RpcCall[]) => Promise<void>,
): Promise<void> {
  const calls: RpcCall[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const fnName = new URL(req.url).pathname.replace("/rest/v1/rpc/", "");
    const body = await req.json().catch(() => ({}));
    calls.push({ fn: fnName, apikey: req.headers.get("apikey"), body });
    if (fnName === "webhook_endpoint_secrets") {
      return Response.json(
        db.status === "ok" ? { status: "ok", secrets: db.secrets } : {
          status: db.status,
        },
      );
    }
    if (fnName === "receive_webhook_outcomes") {
      if (db.status !== "ok") return Response.json({ status: db.status });
      const key = body.p_replay_key as string;
      if (db.seen.has(key)) return Response.json({ status: "replayed" });
      db.seen.add(key);
      const rows = body.p_rows as { idempotency_key: string }[];
      return Response.json({
        status: "ok",
        results: rows.map((row, index) => ({
          index,
          status: "accepted",
          id: `id-${row.idempotency_key}`,
        })),
      });
    }
    return Response.json({ code: "PGRST202", message: "not found" }, { status: 404 });
  });
  const saved = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY"].map(
    (key) => [key, Deno.env.get(key)] as const,
  );
  Deno.env.set("SUPABASE_URL", `http://127.0.0.1:${server.addr.port}`);
  Deno.env.set("SUPABASE_ANON_KEY", "anon-key");
  Deno.env.set("SUPABASE_SERVICE_ROLE_KEY", "service-role-key");
  try {
    await fn(calls);
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) Deno.env.delete(key);
      else Deno.env.set(key, value);
    }
    await server.shutdown();
  }
}

const ENDPOINT = "5f1c2d3e-4b5a-4c6d-8e7f-0123456789ab";
const SECRET = "whsec_test-secret-0123456789";
const fresh = (): FakeDb => ({ status: "ok", secrets: [SECRET], seen: new Set() });

const outcome = (key: string, extra: Record<string, unknown> = {}) => ({
  idempotency_key: key,
  metric_key: "csat",
  value: 5,
  occurred_at: new Date().toISOString(),
  account: "northwind",
  ...extra,
});

async function deliver(
  body: unknown,
  options: { secret?: string; signedAt?: Date; signature?: string | null; path?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined
    ? await signWebhookPayload({
      secret: options.secret ?? SECRET,
      rawBody: raw,
      now: options.signedAt,
    })
    : options.signature;
  if (signature !== null) headers["x-causeway-signature"] = signature;
  const res = await webhook.fetch(
    new Request(`http://localhost${options.path ?? `/outcomes-webhook/${ENDPOINT}`}`, {
      method: "POST",
      headers,
      body: raw,
    }),
  );
  return { status: res.status, body: await res.json() };
}

const errorCode = (body: Record<string, unknown>) => (body.error as { code: string }).code;

Deno.test("200: a signed batch is written with the service role, results per row in order", async () => {
  await withDatabase(fresh(), async (calls) => {
    const res = await deliver({
      outcomes: [outcome("a"), outcome("b", { value: "five" }), outcome("c", { source: "api" })],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(calls.map((c) => c.fn), [
      "webhook_endpoint_secrets",
      "receive_webhook_outcomes",
    ]);
    assert.ok(calls.every((c) => c.apikey === "service-role-key"));
    const received = calls[1]!.body;
    assert.equal(received.p_endpoint_id, ENDPOINT);
    assert.deepEqual(
      (received.p_rows as { idempotency_key: string }[]).map((r) => r.idempotency_key),
      ["a"],
    );
    assert.match(received.p_replay_key as string, /^\d+:[0-9a-f]{64}$/);
    assert.deepEqual(res.body.results, [
      { index: 0, status: "accepted", id: "id-a" },
      { index: 1, status: "rejected", errors: [{ field: "value", reason: "must be a number" }] },
      {
        index: 2,
        status: "rejected",
        errors: [{ field: "source", reason: "is not a known field" }],
      },
    ]);
  });
});

Deno.test("200: a single outcome object is a batch of one", async () => {
  await withDatabase(fresh(), async () => {
    const res = await deliver(outcome("single"));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results, [{ index: 0, status: "accepted", id: "id-single" }]);
  });
});

Deno.test("a secret rotated out still verifies while it is returned by the database", async () => {
  await withDatabase({ ...fresh(), secrets: ["whsec_new", SECRET] }, async () => {
    assert.equal((await deliver(outcome("old-secret"))).status, 200);
  });
});

Deno.test("401 for a missing, malformed or wrong signature, before the body is looked at", async () => {
  await withDatabase(fresh(), async (calls) => {
    const missing = await deliver(outcome("x"), { signature: null });
    assert.equal(missing.status, 401);
    assert.equal(errorCode(missing.body), "missing_signature");

    const malformed = await deliver(outcome("x"), { signature: "v1=abc" });
    assert.equal(malformed.status, 401);
    assert.equal(errorCode(malformed.body), "malformed_signature");

    const wrong = await deliver(outcome("x"), { secret: "whsec_someone-else" });
    assert.equal(wrong.status, 401);
    assert.equal(errorCode(wrong.body), "signature_mismatch");
    assert.match((wrong.body.error as { message: string }).message, /HMAC-SHA256/);

    // A body changed after signing no longer matches.
    const raw = JSON.stringify(outcome("x"));
    const signature = await signWebhookPayload({ secret: SECRET, rawBody: raw });
    const tampered = await deliver(raw.replace('"value":5', '"value":500'), { signature });
    assert.equal(tampered.status, 401);
    assert.equal(errorCode(tampered.body), "signature_mismatch");

    // Nothing was written: only the secrets were read.
    assert.ok(calls.every((c) => c.fn === "webhook_endpoint_secrets"));
  });
});

Deno.test("401 for a timestamp more than 5 minutes away, in either direction", async () => {
  await withDatabase(fresh(), async (calls) => {
    const stale = await deliver(outcome("x"), { signedAt: new Date(Date.now() - 6 * 60_000) });
    assert.equal(stale.status, 401);
    assert.equal(errorCode(stale.body), "timestamp_outside_tolerance");
    const ahead = await deliver(outcome("x"), { signedAt: new Date(Date.now() + 6 * 60_000) });
    assert.equal(ahead.status, 401);
    const inside = await deliver(outcome("x"), { signedAt: new Date(Date.now() - 4 * 60_000) });
    assert.equal(inside.status, 200);
    assert.equal(calls.filter((c) => c.fn === "receive_webhook_outcomes").length, 1);
  });
});

Deno.test("401 replayed_delivery for the same signed request a second time", async () => {
  await withDatabase(fresh(), async () => {
    const raw = JSON.stringify(outcome("replay"));
    const signature = await signWebhookPayload({ secret: SECRET, rawBody: raw });
    assert.equal((await deliver(raw, { signature })).status, 200);
    const again = await deliver(raw, { signature });
    assert.equal(again.status, 401);
    assert.equal(errorCode(again.body), "replayed_delivery");
    // Signed afresh (a new t=) it is a new delivery.
    const resigned = await deliver(raw, { signedAt: new Date(Date.now() + 1000) });
    assert.equal(resigned.status, 200);
  });
});

Deno.test("404 unknown endpoint, 403 disabled endpoint, 404 without an endpoint id", async () => {
  await withDatabase({ ...fresh(), status: "unknown" }, async () => {
    const res = await deliver(outcome("x"));
    assert.equal(res.status, 404);
    assert.equal(errorCode(res.body), "unknown_endpoint");
  });
  await withDatabase({ ...fresh(), status: "disabled" }, async () => {
    const res = await deliver(outcome("x"));
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), "endpoint_disabled");
  });
  await withDatabase(fresh(), async (calls) => {
    const res = await deliver(outcome("x"), { path: "/outcomes-webhook/not-a-uuid" });
    assert.equal(res.status, 404);
    assert.equal(calls.length, 0);
  });
});

Deno.test("400 for a body that is not JSON, 422 for a wrong shape, 413 for too many outcomes", async () => {
  await withDatabase(fresh(), async () => {
    const notJson = await deliver("{nope");
    assert.equal(notJson.status, 400);
    assert.equal(errorCode(notJson.body), "invalid_json");

    const wrongShape = await deliver({ outcomes: "all of them" });
    assert.equal(wrongShape.status, 422);
    assert.equal(errorCode(wrongShape.body), "validation_failed");

    const tooMany = await deliver({
      outcomes: Array.from({ length: 1001 }, (_, i) => outcome(`k${i}`)),
    });
    assert.equal(tooMany.status, 413);
    assert.equal(errorCode(tooMany.body), "batch_too_large");
  });
});

Deno.test("405 for anything but POST", async () => {
  const res = await webhook.fetch(new Request(`http://localhost/outcomes-webhook/${ENDPOINT}`));
  assert.equal(res.status, 405);
  await res.body?.cancel();
});
