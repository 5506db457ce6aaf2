import assert from "node:assert/strict";
import health from "./index.ts";

interface FakeRest {
  url: string;
  requests: { method: string; path: string; apikey: string | null; authorization: string | null }[];
  close(): Promise<void>;
}

/** A local server imitating PostgREST's `POST /rest/v1/rpc/<fn>` endpoint. */
function fakePostgrest(status: number, body: unknown): FakeRest {
  const requests: FakeRest["requests"] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const url = new URL(req.url);
    await req.body?.cancel();
    requests.push({
      method: req.method,
      path: url.pathname,
      apikey: req.headers.get("apikey"),
      authorization: req.headers.get("authorization"),
    });
    if (url.pathname !== "/rest/v1/rpc/health") {
      return Response.json({ code: "PGRST202", message: "not found" }, { status: 404 });
    }
    return Response.json(body, { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    close: () => server.shutdown(),
  };
}

const ENV_KEYS = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY"] as const;

async function withEnv(url: string, fn: () => Promise<void>): Promise<void> {
  const saved = ENV_KEYS.map((key) => [key, Deno.env.get(key)] as const);
  Deno.env.set("SUPABASE_URL", url);
  Deno.env.set("SUPABASE_ANON_KEY", "anon-key");
  Deno.env.set("SUPABASE_SERVICE_ROLE_KEY", "service-role-key");
  try {
    await fn();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) Deno.env.delete(key);
      else Deno.env.set(key, value);
    }
  }
}

Deno.test("GET /health → 200 ok when public.health() answers", async () => {
  const rest = fakePostgrest(200, { ok: true });
  try {
    await withEnv(rest.url, async () => {
      const res = await health.fetch(new Request("http://localhost/health"));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      const body = await res.json();
      assert.equal(body.status, "ok");
      assert.deepEqual(body.checks, { database: "ok" });
      assert.ok(!Number.isNaN(Date.parse(body.time)));
    });
    assert.equal(rest.requests.length, 1);
    assert.equal(rest.requests[0]?.path, "/rest/v1/rpc/health");
    assert.equal(rest.requests[0]?.apikey, "service-role-key");
  } finally {
    await rest.close();
  }
});

Deno.test("GET /health → 503 degraded when the rpc fails", async () => {
  const rest = fakePostgrest(500, {
    code: "XX000",
    message: "database is down",
    details: null,
    hint: null,
  });
  try {
    await withEnv(rest.url, async () => {
      const res = await health.fetch(new Request("http://localhost/health"));
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.equal(body.status, "degraded");
      assert.deepEqual(body.checks, { database: "unreachable" });
      assert.match(body.details.database, /database is down/);
    });
  } finally {
    await rest.close();
  }
});

Deno.test("GET /health → 503 degraded when nothing listens at SUPABASE_URL", async () => {
  const rest = fakePostgrest(200, {});
  const deadUrl = rest.url;
  await rest.close();
  await withEnv(deadUrl, async () => {
    const res = await health.fetch(new Request("http://localhost/health"));
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.checks.database, "unreachable");
    assert.equal(typeof body.details.database, "string");
  });
});

Deno.test("non-GET /health → 405 with allow header", async () => {
  const res = await health.fetch(new Request("http://localhost/health", { method: "POST" }));
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, OPTIONS");
  assert.equal((await res.json()).error.code, "method_not_allowed");
});

Deno.test("unknown sub-path of /health → 404", async () => {
  const res = await health.fetch(new Request("http://localhost/health/nope"));
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

Deno.test("GET /health → 503 naming the variable when the service key is missing", async () => {
  await withEnv("http://127.0.0.1:1", async () => {
    Deno.env.delete("SUPABASE_SERVICE_ROLE_KEY");
    const res = await health.fetch(new Request("http://localhost/health"));
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.checks.database, "unreachable");
    assert.match(body.details.database, /SUPABASE_SERVICE_ROLE_KEY is not set/);
  });
});
