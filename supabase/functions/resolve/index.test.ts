import assert from "node:assert/strict";
import resolve, { presentedApiKey } from "./index.ts";

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

/** A local server imitating PostgREST's `POST /rest/v1/rpc/resolve_prompt`. */
function fakePostgrest(status: number, body: unknown): FakeRest {
  const calls: RpcCall[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const url = new URL(req.url);
    calls.push({
      path: url.pathname,
      apikey: req.headers.get("apikey"),
      body: await req.json().catch(() => ({})),
    });
    if (url.pathname !== "/rest/v1/rpc/resolve_prompt") {
      return Response.json({ code: "PGRST202", message: "not found" }, { status: 404 });
    }
    return Response.json(body, { status });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, calls, close: () => server.shutdown() };
}

const ENV_KEYS = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY"] as const;

/** Runs `fn` against a fake PostgREST answering every rpc with `status` and `body`. */
async function withRest(
  status: number,
  body: unknown,
  fn: (rest: FakeRest) => Promise<void>,
): Promise<void> {
  const rest = fakePostgrest(status, body);
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

function post(body: unknown, headers: Record<string, string> = { "x-api-key": KEY }): Request {
  return new Request("http://localhost/resolve", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const OK = {
  status: "ok",
  prompt: "Hi Ann!",
  provider: "openai",
  model: "gpt-4o",
  config: {
    temperature: 0.4,
    top_p: null,
    max_tokens: 400,
    stop_sequences: [],
    tools: [],
    params: {},
  },
  experiment_id: "e",
  variant_id: "v",
  variant_key: "control",
  version_id: "ver",
  deployment_id: "d",
  scope: { capability: "QualifyLead", action: null, intent: null },
};

Deno.test("200: passes the request to resolve_prompt and returns its answer without status", async () => {
  await withRest(200, OK, async (rest) => {
    const res = await resolve.fetch(
      post({
        capability: "QualifyLead",
        action: "CreateQuote",
        intent: null,
        unit_id: "user-42",
        variables: { customer_name: "Ann", seats: 5 },
      }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.match(res.headers.get("server-timing") ?? "", /^db;dur=[\d.]+, total;dur=[\d.]+$/);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const { status: _status, ...expected } = OK;
    assert.deepEqual(await res.json(), expected);
    assert.equal(rest.calls.length, 1);
    assert.equal(rest.calls[0]?.path, "/rest/v1/rpc/resolve_prompt");
    assert.equal(rest.calls[0]?.apikey, "service-role-key");
    assert.deepEqual(rest.calls[0]?.body, {
      p_api_key: KEY,
      p_capability: "QualifyLead",
      p_unit_id: "user-42",
      p_action: "CreateQuote",
      p_intent: null,
      p_variables: { customer_name: "Ann", seats: 5 },
    });
  });
});

Deno.test("the key is read from x-api-key first, else from Authorization: Bearer", () => {
  const req = (headers: Record<string, string>) =>
    new Request("http://localhost/resolve", { method: "POST", headers });
  assert.equal(presentedApiKey(req({ authorization: `Bearer ${KEY}` })), KEY);
  assert.equal(presentedApiKey(req({ authorization: `bearer   ${KEY} ` })), KEY);
  assert.equal(presentedApiKey(req({ "x-api-key": KEY, authorization: "Bearer anon-jwt" })), KEY);
  assert.equal(presentedApiKey(req({ authorization: KEY })), undefined);
  assert.equal(presentedApiKey(req({ authorization: "Bearer" })), undefined);
  assert.equal(presentedApiKey(req({})), undefined);
});

Deno.test("Authorization: Bearer works end to end", async () => {
  await withRest(200, OK, async (rest) => {
    const res = await resolve.fetch(
      post({ capability: "QualifyLead", unit_id: "u" }, { authorization: `Bearer ${KEY}` }),
    );
    assert.equal(res.status, 200);
    await res.body?.cancel();
    assert.equal(rest.calls[0]?.body.p_api_key, KEY);
    assert.equal(rest.calls[0]?.body.p_action, null);
    assert.equal(rest.calls[0]?.body.p_variables, null);
  });
});

Deno.test("401 missing_api_key without a key, before touching the database", async () => {
  await withRest(200, OK, async (rest) => {
    const res = await resolve.fetch(post({ capability: "QualifyLead", unit_id: "u" }, {}));
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal((await res.json()).error.code, "missing_api_key");
    assert.equal(rest.calls.length, 0);
  });
});

Deno.test("an absurdly long key is invalid without a database call", async () => {
  await withRest(200, OK, async (rest) => {
    const res = await resolve.fetch(
      post({ capability: "QualifyLead", unit_id: "u" }, { "x-api-key": "x".repeat(500) }),
    );
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "invalid_api_key");
    assert.equal(rest.calls.length, 0);
  });
});

const scope = { capability: "Nope", action: null, intent: null };
const mapped: [string, Record<string, unknown>, number][] = [
  ["invalid_api_key", { message: "The API key is not valid." }, 401],
  ["revoked_api_key", { message: "The API key has been revoked." }, 401],
  ["missing_scope", { message: "The API key does not have the resolve scope." }, 403],
  ["unknown_scope", { message: "No capability with key Nope in this organization.", scope }, 404],
  ["no_live_version", { message: "Nothing is deployed for capability Nope.", scope }, 404],
];
for (const [status, extra, httpStatus] of mapped) {
  Deno.test(`resolve_prompt status ${status} → ${httpStatus} ${status}`, async () => {
    await withRest(200, { status, ...extra }, async () => {
      const res = await resolve.fetch(post({ capability: "Nope", unit_id: "u" }));
      assert.equal(res.status, httpStatus);
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      assert.equal(res.headers.has("www-authenticate"), httpStatus === 401);
      const { error } = await res.json();
      assert.equal(error.code, status);
      assert.equal(error.message, extra.message);
      if (extra.scope) assert.deepEqual(error.details, { scope });
      else assert.equal(error.details, undefined);
    });
  });
}

Deno.test("invalid_variables → 422 validation_failed with one detail per problem", async () => {
  const problems = ["customer_name: expected text, got number", "tone is not bound"];
  await withRest(200, { status: "invalid_variables", message: "bad", problems }, async () => {
    const res = await resolve.fetch(
      post({ capability: "QualifyLead", unit_id: "u", variables: { customer_name: 5 } }),
    );
    assert.equal(res.status, 422);
    const { error } = await res.json();
    assert.equal(error.code, "validation_failed");
    assert.deepEqual(error.details, problems.map((message) => ({ path: "variables", message })));
  });
});

Deno.test("422 validation_failed names every bad field, without a database call", async () => {
  await withRest(200, OK, async (rest) => {
    const res = await resolve.fetch(
      post({
        capability: "has spaces",
        action: 7,
        unit_id: "",
        unitId: "typo",
        variables: { "not a name": "x" },
      }),
    );
    assert.equal(res.status, 422);
    const { error } = await res.json();
    assert.equal(error.code, "validation_failed");
    const paths = (error.details as { path: string }[]).map((d) => d.path).sort();
    assert.deepEqual(paths, ["", "action", "capability", "unit_id", "variables.not a name"]);
    assert.equal(rest.calls.length, 0);
  });
});

Deno.test("422 when required fields are missing; 400 when the body is not JSON", async () => {
  await withRest(200, OK, async (rest) => {
    const missing = await resolve.fetch(post({}));
    assert.equal(missing.status, 422);
    const paths = (await missing.json()).error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ["capability", "unit_id"]);

    const long = await resolve.fetch(post({ capability: "A", unit_id: "u".repeat(257) }));
    assert.equal(long.status, 422);
    await long.body?.cancel();

    const garbled = await resolve.fetch(post("{nope"));
    assert.equal(garbled.status, 400);
    assert.equal((await garbled.json()).error.code, "invalid_json");
    assert.equal(rest.calls.length, 0);
  });
});

Deno.test("503 database_unavailable when the rpc fails; the cause is logged, not sent", async () => {
  await withRest(500, { code: "XX000", message: "secret internals", details: null }, async () => {
    const res = await quietly(() =>
      resolve.fetch(post({ capability: "QualifyLead", unit_id: "u" }))
    );
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    const text = await res.text();
    assert.doesNotMatch(text, /secret/);
    assert.equal(JSON.parse(text).error.code, "database_unavailable");
  });
});

Deno.test("an unknown rpc status is a 500, not a silent success", async () => {
  await withRest(200, { status: "surprise" }, async () => {
    const res = await quietly(() =>
      resolve.fetch(post({ capability: "QualifyLead", unit_id: "u" }))
    );
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error.code, "internal_error");
  });
});

Deno.test("GET → 405; sub-paths → 404; OPTIONS → CORS preflight", async () => {
  const get = await resolve.fetch(new Request("http://localhost/resolve"));
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST, OPTIONS");
  await get.body?.cancel();

  const sub = await resolve.fetch(new Request("http://localhost/resolve/x", { method: "POST" }));
  assert.equal(sub.status, 404);
  await sub.body?.cancel();

  const preflight = await resolve.fetch(
    new Request("http://localhost/resolve", { method: "OPTIONS" }),
  );
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /x-api-key/);
});
