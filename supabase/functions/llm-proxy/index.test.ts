import assert from "node:assert/strict";
import llmProxy from "./index.ts";

function post(body: unknown): Request {
  return new Request("http://localhost/llm-proxy", {
    method: "POST",
    headers: { authorization: "Bearer ck_test_key", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function withDatabaseUrl(url: string | undefined, fn: () => Promise<void>) {
  const previous = Deno.env.get("SUPABASE_DB_URL");
  if (url === undefined) Deno.env.delete("SUPABASE_DB_URL");
  else Deno.env.set("SUPABASE_DB_URL", url);
  const error = console.error;
  console.error = () => {};
  try {
    await fn();
  } finally {
    console.error = error;
    if (previous === undefined) Deno.env.delete("SUPABASE_DB_URL");
    else Deno.env.set("SUPABASE_DB_URL", previous);
  }
}

const request = { capability: "QualifyLead", unit_id: "u-1", messages: [] };

Deno.test("503 database_unavailable, with Retry-After, when Postgres cannot be reached", async () => {
  await withDatabaseUrl(`postgres://postgres@127.0.0.1:${closedPort()}/postgres`, async () => {
    const res = await llmProxy.fetch(post(request));
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    const body = await res.json();
    assert.equal(body.error.code, "database_unavailable");
    assert.match(body.error.message, /nothing was sent to the provider/);
  });
});

Deno.test("500 server_misconfigured naming SUPABASE_DB_URL when it is not set", async () => {
  await withDatabaseUrl(undefined, async () => {
    const res = await llmProxy.fetch(post(request));
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.error.code, "server_misconfigured");
    assert.match(body.error.message, /SUPABASE_DB_URL/);
  });
});
