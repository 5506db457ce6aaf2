import assert from "node:assert/strict";
import defaultRouter, { createRouter, listFunctions } from "./router.ts";

const ECHO_FUNCTION = `
export default {
  async fetch(req) {
    const url = new URL(req.url);
    return Response.json({
      method: req.method,
      path: url.pathname,
      search: url.search,
      body: req.body ? await req.text() : null,
      auth: req.headers.get("authorization"),
    });
  },
};
`;

/** A temporary functions dir: health + other (echo), _shared (not a function), empty, broken. */
async function fakeFunctionsDir(): Promise<{ url: URL; cleanup(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "edge-router-test-" });
  for (const name of ["health", "other", "_shared"]) {
    await Deno.mkdir(`${dir}/${name}`);
    await Deno.writeTextFile(`${dir}/${name}/index.ts`, ECHO_FUNCTION);
  }
  await Deno.mkdir(`${dir}/empty`);
  await Deno.mkdir(`${dir}/broken`);
  await Deno.writeTextFile(`${dir}/broken/index.ts`, "export const notDefault = 1;\n");
  await Deno.writeTextFile(`${dir}/README.md`, "not a function\n");
  return {
    url: new URL(`file://${dir}/`),
    cleanup: () => Deno.remove(dir, { recursive: true }),
  };
}

async function withRouter(
  fn: (router: ReturnType<typeof createRouter>, dir: URL) => Promise<void>,
): Promise<void> {
  const fake = await fakeFunctionsDir();
  try {
    await fn(createRouter(fake.url), fake.url);
  } finally {
    await fake.cleanup();
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

const ORIGIN = "http://127.0.0.1:54321";

Deno.test("listFunctions finds folders with index.ts that do not start with _", async () => {
  await withRouter(async (_router, dir) => {
    assert.deepEqual(await listFunctions(dir), ["broken", "health", "other"]);
  });
});

Deno.test("/functions/v1/health is routed to health/index.ts with the path rewritten", async () => {
  await withRouter(async (router) => {
    const res = await router.fetch(
      new Request(`${ORIGIN}/functions/v1/health`, { headers: { authorization: "Bearer t" } }),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      method: "GET",
      path: "/health",
      search: "",
      body: null,
      auth: "Bearer t",
    });
  });
});

Deno.test("sub-paths, query strings, methods and bodies are forwarded", async () => {
  await withRouter(async (router) => {
    const res = await router.fetch(
      new Request(`${ORIGIN}/functions/v1/other/a/b?x=1&y=two%20words`, {
        method: "POST",
        body: JSON.stringify({ hello: "world" }),
      }),
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.method, "POST");
    assert.equal(body.path, "/other/a/b");
    assert.equal(body.search, "?x=1&y=two%20words");
    assert.deepEqual(JSON.parse(body.body), { hello: "world" });
  });
});

Deno.test("unknown functions are 404 function_not_found with CORS headers", async () => {
  await withRouter(async (router) => {
    for (const name of ["nope", "empty", "README.md", "..%2Fhealth", ""]) {
      const res = await router.fetch(new Request(`${ORIGIN}/functions/v1/${name}`));
      assert.equal(res.status, 404, name);
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      const { error } = await res.json();
      assert.equal(error.code, "function_not_found", name);
    }
  });
});

Deno.test("_shared is not routable", async () => {
  await withRouter(async (router) => {
    for (const path of ["/functions/v1/_shared", "/functions/v1/_shared/index.ts"]) {
      const res = await router.fetch(new Request(`${ORIGIN}${path}`));
      assert.equal(res.status, 404);
      assert.equal((await res.json()).error.code, "function_not_found");
    }
  });
});

Deno.test("OPTIONS for an unknown function still gets CORS headers", async () => {
  await withRouter(async (router) => {
    const res = await router.fetch(
      new Request(`${ORIGIN}/functions/v1/nope`, {
        method: "OPTIONS",
        headers: { "access-control-request-method": "POST" },
      }),
    );
    assert.ok(res.ok);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
    await res.body?.cancel();
  });
});

Deno.test("paths outside /functions/v1 are 404 not_found", async () => {
  await withRouter(async (router) => {
    const res = await router.fetch(new Request(`${ORIGIN}/health`));
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "not_found");
  });
});

Deno.test("a function without `export default { fetch }` is a 500", async () => {
  await withRouter(async (router) => {
    const res = await quietly(() => router.fetch(new Request(`${ORIGIN}/functions/v1/broken`)));
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error.code, "function_load_failed");
  });
});

Deno.test("the default export routes to the real supabase/functions", async () => {
  const res = await defaultRouter.fetch(
    new Request(`${ORIGIN}/functions/v1/health`, { method: "POST" }),
  );
  // The real health function rejects POST: proves routing + defineFunction without a database.
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, OPTIONS");
  assert.equal((await res.json()).error.code, "method_not_allowed");
});
