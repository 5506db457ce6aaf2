import assert from "node:assert/strict";
import { z } from "zod";
import { CORS_ALLOWED_HEADERS } from "./cors.ts";
import {
  defineFunction,
  functionPath,
  HttpError,
  json,
  parseJsonBody,
  requireMethod,
} from "./http.ts";

const BASE = "http://localhost/demo";

function assertCors(res: Response): void {
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  const allowed = res.headers.get("access-control-allow-headers") ?? "";
  for (const header of CORS_ALLOWED_HEADERS) assert.ok(allowed.includes(header), header);
  assert.equal(
    res.headers.get("access-control-allow-methods"),
    "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  );
}

async function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const original = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    return { result: await fn(), logged };
  } finally {
    console.error = original;
  }
}

Deno.test("OPTIONS preflight gets CORS headers without calling the handler", async () => {
  let called = false;
  const fn = defineFunction(() => {
    called = true;
    return json({});
  });
  const res = await fn.fetch(
    new Request(BASE, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, idempotency-key",
      },
    }),
  );
  assert.ok(res.ok);
  assert.equal(called, false);
  assertCors(res);
  await res.body?.cancel();
});

Deno.test("every response gets CORS headers; handler headers are kept", async () => {
  const init = { status: 201, headers: { "x-a": "1" } };
  const fn = defineFunction(() => json({ hello: "world" }, init));
  const res = await fn.fetch(new Request(BASE));
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("x-a"), "1");
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  assertCors(res);
  assert.deepEqual(await res.json(), { hello: "world" });
});

Deno.test("responses with immutable headers still get CORS headers", async () => {
  // Response.redirect() has an immutable header list, like responses returned by fetch().
  const fn = defineFunction(() => Response.redirect("http://localhost/elsewhere", 302));
  const res = await fn.fetch(new Request(BASE));
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "http://localhost/elsewhere");
  assertCors(res);
});

Deno.test("HttpError becomes { error: { code, message, details } } with its status", async () => {
  const fn = defineFunction(() => {
    throw new HttpError(409, "conflict", "Already exists.", { id: "abc" });
  });
  const res = await fn.fetch(new Request(BASE, { method: "POST" }));
  assert.equal(res.status, 409);
  assertCors(res);
  assert.deepEqual(await res.json(), {
    error: { code: "conflict", message: "Already exists.", details: { id: "abc" } },
  });
});

Deno.test("HttpError without details has no details key", async () => {
  const fn = defineFunction(() => {
    throw new HttpError(403, "forbidden", "Nope.");
  });
  const res = await fn.fetch(new Request(BASE));
  assert.deepEqual(await res.json(), { error: { code: "forbidden", message: "Nope." } });
});

Deno.test("unexpected errors are logged and become a stack-free 500", async () => {
  const fn = defineFunction(() => {
    throw new Error("secret database password in message");
  });
  const { result: res, logged } = await quietly(() => fn.fetch(new Request(BASE)));
  assert.equal(res.status, 500);
  assertCors(res);
  const text = await res.text();
  assert.doesNotMatch(text, /secret|stack|at /);
  assert.equal(JSON.parse(text).error.code, "internal_error");
  assert.equal(typeof JSON.parse(text).error.message, "string");
  assert.equal(logged.length, 1);
  assert.ok(logged[0]?.some((arg) => arg instanceof Error));
});

const Body = z.object({
  name: z.string().min(1),
  amount: z.number().positive(),
  tags: z.array(z.string()),
  address: z.object({ city: z.string() }),
});

const echo = defineFunction(async (req) => json(await parseJsonBody(req, Body)));

Deno.test("parseJsonBody returns the parsed body", async () => {
  const body = { name: "x", amount: 1, tags: ["a"], address: { city: "Paris" } };
  const res = await echo.fetch(new Request(BASE, { method: "POST", body: JSON.stringify(body) }));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), body);
});

Deno.test("parseJsonBody: zod issues become 422 validation_failed with dotted paths", async () => {
  const res = await echo.fetch(
    new Request(BASE, {
      method: "POST",
      body: JSON.stringify({ name: "", amount: -1, tags: ["ok", 7], address: {} }),
    }),
  );
  assert.equal(res.status, 422);
  assertCors(res);
  const { error } = await res.json();
  assert.equal(error.code, "validation_failed");
  assert.equal(typeof error.message, "string");
  const paths = (error.details as { path: string; message: string }[]).map((d) => d.path).sort();
  assert.deepEqual(paths, ["address.city", "amount", "name", "tags.1"]);
  for (const detail of error.details) assert.ok(detail.message.length > 0);
});

Deno.test("parseJsonBody: a non-object body gives a root-path issue", async () => {
  const res = await echo.fetch(new Request(BASE, { method: "POST", body: "[1]" }));
  assert.equal(res.status, 422);
  const { error } = await res.json();
  const paths = error.details.map((d: { path: string }) => d.path);
  assert.deepEqual(paths, [""]);
});

Deno.test("parseJsonBody: unparsable or empty body is 400 invalid_json", async () => {
  for (const body of ["{not json", ""]) {
    const res = await echo.fetch(new Request(BASE, { method: "POST", body }));
    assert.equal(res.status, 400);
    assertCors(res);
    const { error } = await res.json();
    assert.equal(error.code, "invalid_json");
  }
});

Deno.test("requireMethod: 405 method_not_allowed with an allow header", async () => {
  const fn = defineFunction((req) => {
    requireMethod(req, "GET", "post");
    return json({ ok: true });
  });
  assert.equal((await (await fn.fetch(new Request(BASE))).json()).ok, true);
  assert.equal((await fn.fetch(new Request(BASE, { method: "POST" }))).status, 200);

  const res = await fn.fetch(new Request(BASE, { method: "DELETE" }));
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, POST, OPTIONS");
  assertCors(res);
  const { error } = await res.json();
  assert.equal(error.code, "method_not_allowed");
});

Deno.test("functionPath returns the sub-path after /<name>", () => {
  const path = (p: string) => functionPath(new Request(`http://localhost${p}`), "orgs");
  assert.equal(path("/orgs"), "/");
  assert.equal(path("/orgs/"), "/");
  assert.equal(path("/orgs/123/members?x=1"), "/123/members");
  assert.equal(path("/functions/v1/orgs/123"), "/123");
  assert.equal(path("/orgsx/1"), "/orgsx/1");
});
