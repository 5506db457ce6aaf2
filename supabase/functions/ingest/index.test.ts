import assert from "node:assert/strict";
import ingest, { presentedApiKey } from "./index.ts";

interface RpcCall {
  path: string;
  apikey: string | null;
  body: Record<string, unknown>;
}

interface FakeRest {
  url: string;
  calls: RpcCall[];
  close(): Promise<void>;
}

type Answer = (body: Record<string, unknown>) => { status: number; body: unknown };

/** A local server imitating PostgREST's `POST /rest/v1/rpc/ingest_events`. */
function fakePostgrest(answer: Answer): FakeRest {
  const calls: RpcCall[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const body = await req.json().catch(() => ({}));
    calls.push({ path: url.pathname, apikey: req.headers.get("apikey"), body });
    if (url.pathname !== "/rest/v1/rpc/ingest_events") {
      return Response.json({ code: "PGRST202", message: "not found" }, { status: 404 });
    }
    const { status, body: out } = answer(body);
    return Response.json(out, { status });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, calls, close: () => server.shutdown() };
}

const ENV_KEYS = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY"] as const;

async function withRest(answer: Answer, fn: (rest: FakeRest) => Promise<void>): Promise<void> {
  const rest = fakePostgrest(answer);
  const saved = ENV_KEYS.map((key) => [key, Deno.env.get(key)] as const);
  Deno.env.set("SUPABASE_URL", rest.url);
  Deno.env.set("SUPABASE_ANON_KEY", "anon-key");
  Deno.env.set("SUPABASE_SERVICE_ROLE_KEY", "service-role-key");
  try {
    await fn(rest);
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) Deno.env.delete(key);
      else Deno.env.set(key, value);
    }
    await rest.close();
  }
}

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => {};
  try {
    return await fn();
  } finally {
    console.error = original;
  }
}

const KEY = "cw_0123456789ab_secretsecretsecret";
const NOW = new Date().toISOString();

function post(
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
): Request {
  return new Request("http://localhost/ingest", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const run = (key: string, run: Record<string, unknown> = {}) => ({
  type: "run",
  idempotency_key: key,
  occurred_at: NOW,
  run,
});

/** Accepts every event it is sent, with id "id-<index>". */
const acceptAll: Answer = (body) => ({
  status: 200,
  body: {
    status: "ok",
    results: (body.p_events as { index: number }[]).map(({ index }) => ({
      index,
      status: "accepted",
      id: `id-${index}`,
    })),
  },
});

Deno.test("200: sends only the valid events, in ONE rpc call, and merges results in input order", async () => {
  await withRest(acceptAll, async (rest) => {
    const res = await ingest.fetch(post({
      events: [
        run("a", { model: "gpt-4o", tokens_in: 10 }),
        run("b", { tokens_in: -1 }),
        "not an event",
        {
          type: "outcome",
          idempotency_key: "c",
          occurred_at: NOW,
          outcome: { metric_key: "conversion", value: 1, account: "acme" },
        },
      ],
    }));
    assert.equal(res.status, 200);
    assert.equal(rest.calls.length, 1);
    assert.equal(rest.calls[0]!.apikey, "service-role-key");
    assert.equal(rest.calls[0]!.body.p_api_key, KEY);
    const sent = rest.calls[0]!.body.p_events as {
      index: number;
      event: Record<string, unknown>;
    }[];
    assert.deepEqual(sent.map((e) => e.index), [0, 3]);
    // Parsed events: defaults applied (status "ok", source "api").
    assert.equal((sent[0]!.event.run as Record<string, unknown>).status, "ok");
    assert.equal((sent[1]!.event.outcome as Record<string, unknown>).source, "api");
    assert.deepEqual(await res.json(), {
      results: [
        { index: 0, idempotency_key: "a", status: "accepted", id: "id-0" },
        {
          index: 1,
          idempotency_key: "b",
          status: "rejected",
          errors: [{ field: "run.tokens_in", reason: "must be at least 0" }],
        },
        { index: 2, status: "rejected", errors: [{ field: "", reason: "must be an object" }] },
        { index: 3, idempotency_key: "c", status: "accepted", id: "id-3" },
      ],
    });
  });
});

Deno.test("200: duplicate and database-level rejections come back per event", async () => {
  const answer: Answer = () => ({
    status: 200,
    body: {
      status: "ok",
      results: [
        {
          index: 1,
          status: "rejected",
          errors: [{ field: "run.id", reason: "is already the id of another run" }],
        },
        { index: 0, status: "duplicate", id: "first-id" },
      ],
    },
  });
  await withRest(answer, async () => {
    const res = await ingest.fetch(post({ events: [run("a"), run("b")] }));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      results: [
        { index: 0, idempotency_key: "a", status: "duplicate", id: "first-id" },
        {
          index: 1,
          idempotency_key: "b",
          status: "rejected",
          errors: [{ field: "run.id", reason: "is already the id of another run" }],
        },
      ],
    });
  });
});

Deno.test("the rpc is still called (to check the key) when every event is rejected, or none is sent", async () => {
  await withRest(acceptAll, async (rest) => {
    const res = await ingest.fetch(post({ events: [run("a", { status: "failed" })] }));
    assert.equal(res.status, 200);
    assert.deepEqual(rest.calls[0]!.body.p_events, []);
    const empty = await ingest.fetch(post({ events: [] }));
    assert.deepEqual(await empty.json(), { results: [] });
    assert.equal(rest.calls.length, 2);
  });
});

for (
  const [status, code, expected] of [
    ["invalid_api_key", 401, "invalid_api_key"],
    ["revoked_api_key", 401, "revoked_api_key"],
    ["missing_scope", 403, "missing_scope"],
  ] as const
) {
  Deno.test(`${code}: ${status} from the rpc`, async () => {
    await withRest(() => ({ status: 200, body: { status, message: "no" } }), async () => {
      const res = await ingest.fetch(post({ events: [run("a")] }));
      assert.equal(res.status, code);
      assert.equal((await res.json()).error.code, expected);
      if (code === 401) assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    });
  });
}

Deno.test("429 rate_limited with Retry-After and the key's limit when the rpc says so", async () => {
  const answer = {
    status: "rate_limited",
    message: "This API key may send 5 events per second, in bursts of up to 10.",
    limit: { events_per_second: 5, burst: 10 },
    retry_after_seconds: 2,
  };
  await withRest(() => ({ status: 200, body: answer }), async () => {
    const res = await ingest.fetch(post({ events: [run("a")] }));
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "2");
    assert.deepEqual((await res.json()).error, {
      code: "rate_limited",
      message: answer.message,
      details: { events_per_second: 5, burst: 10, retry_after_seconds: 2 },
    });
  });
});

Deno.test("401 invalid_api_key without a key, before anything is read or sent", async () => {
  await withRest(acceptAll, async (rest) => {
    const res = await ingest.fetch(post({ events: [] }, {}));
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "invalid_api_key");
    assert.equal(rest.calls.length, 0);
  });
});

Deno.test("whole-request errors: 400, 405, 413 (events and bytes), 422; nothing is sent", async () => {
  await withRest(acceptAll, async (rest) => {
    const bad = await ingest.fetch(post("{not json"));
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, "invalid_json");

    const get = await ingest.fetch(new Request("http://localhost/ingest", { method: "GET" }));
    assert.equal(get.status, 405);
    await get.body?.cancel();

    const many = await ingest.fetch(post({ events: Array.from({ length: 1001 }, () => ({})) }));
    assert.equal(many.status, 413);
    const manyBody = await many.json();
    assert.equal(manyBody.error.code, "batch_too_large");
    assert.match(manyBody.error.message, /at most 1000 events; this one has 1001/);

    const big = await ingest.fetch(
      post(JSON.stringify({ events: [run("a", { question: "x".repeat(6 * 1024 * 1024) })] })),
    );
    assert.equal(big.status, 413);
    assert.match((await big.json()).error.message, /at most 5 MB \(5242880 bytes\)/);

    const shape = await ingest.fetch(post({ events: [], extra: 1 }));
    assert.equal(shape.status, 422);
    assert.equal((await shape.json()).error.code, "validation_failed");
    assert.equal(rest.calls.length, 0);
  });
});

Deno.test("503 database_unavailable with retry-after when the rpc fails", async () => {
  await withRest(() => ({ status: 500, body: { code: "XX000", message: "boom" } }), async () => {
    const res = await quietly(() => ingest.fetch(post({ events: [run("a")] })));
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    assert.equal((await res.json()).error.code, "database_unavailable");
  });
});

Deno.test("presentedApiKey: Bearer first, then x-api-key", () => {
  const req = (headers: Record<string, string>) => new Request("http://x", { headers });
  assert.equal(presentedApiKey(req({ authorization: "Bearer k1", "x-api-key": "k2" })), "k1");
  assert.equal(presentedApiKey(req({ "x-api-key": " k2 " })), "k2");
  assert.equal(presentedApiKey(req({ authorization: "Basic abc" })), undefined);
  assert.equal(presentedApiKey(req({})), undefined);
});
