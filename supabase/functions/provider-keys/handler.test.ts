/**
 * provider-keys against the provider fakes (tests/fakes/llm-providers.ts), with the database
 * replaced by an in-memory stand-in that plays the RPCs' contract. The real RPCs are exercised by
 * tests/integration/provider-keys.test.ts.
 */
import assert from "node:assert/strict";
import {
  type FakeLlmProviders,
  startFakeLlmProviders,
} from "../../../tests/fakes/llm-providers.ts";
import { decryptSecret, generateSecret, type KeyRing } from "../_shared/crypto.ts";
import { defineFunction } from "../_shared/http.ts";
import { createProviderKeysHandler, type RpcError } from "./handler.ts";

const ORG = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const USER = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";
const RING: KeyRing = { current: "v1", secrets: { v1: generateSecret() } };

interface Stored {
  id: string;
  ciphertext: string;
  last4: string;
  last_test_ok?: boolean;
  last_test_message?: string;
}

async function withHandler(
  fn: (ctx: {
    fake: FakeLlmProviders;
    send(body: unknown, token?: string | null): Promise<Response>;
    rpcCalls: { fn: string; args: Record<string, unknown> }[];
    keys: Map<string, Stored>;
    failNext(error: RpcError): void;
  }) => Promise<void>,
): Promise<void> {
  const fake = await startFakeLlmProviders();
  const keys = new Map<string, Stored>();
  const rpcCalls: { fn: string; args: Record<string, unknown> }[] = [];
  let nextError: RpcError | null = null;
  const handler = defineFunction(createProviderKeysHandler({
    userFor: (token) => Promise.resolve(token === "user-token" ? USER : null),
    rpc(fn, args) {
      rpcCalls.push({ fn, args });
      if (nextError) {
        const error = nextError;
        nextError = null;
        return Promise.resolve({ data: null, error });
      }
      assert.equal(args.p_actor, USER);
      const slot = `${args.p_organization_id}:${args.p_provider}`;
      if (fn === "manage_provider_key") {
        const action = args.p_action;
        if (action === "add" && keys.has(slot)) {
          return Promise.resolve({ data: null, error: { code: "23505", message: "exists" } });
        }
        if (action !== "add" && !keys.has(slot)) {
          return Promise.resolve({ data: null, error: { code: "PT404", message: "none" } });
        }
        if (action === "revoke") {
          keys.delete(slot);
          return Promise.resolve({
            data: { provider: args.p_provider, revoked: true },
            error: null,
          });
        }
        keys.set(slot, {
          id: crypto.randomUUID(),
          ciphertext: String(args.p_ciphertext),
          last4: String(args.p_last4),
        });
        return Promise.resolve({
          data: { provider: args.p_provider, last4: args.p_last4 },
          error: null,
        });
      }
      if (fn === "provider_key_for_test") {
        const key = keys.get(slot);
        return Promise.resolve(
          key
            ? { data: { id: key.id, ciphertext: key.ciphertext }, error: null }
            : { data: null, error: { code: "PT404", message: "none" } },
        );
      }
      if (fn === "record_provider_key_test") {
        const key = [...keys.values()].find((k) => k.id === args.p_key_id)!;
        key.last_test_ok = Boolean(args.p_ok);
        key.last_test_message = String(args.p_message);
        return Promise.resolve({
          data: { last4: key.last4, last_test_ok: key.last_test_ok },
          error: null,
        });
      }
      throw new Error(`unexpected rpc ${fn}`);
    },
    keyRing: () => RING,
    baseUrl: (provider) => fake.baseUrls[provider],
    testTimeoutMs: 1_000,
  }));
  try {
    await fn({
      fake,
      keys,
      rpcCalls,
      failNext: (error) => (nextError = error),
      send: (body, token = "user-token") =>
        handler.fetch(
          new Request("http://localhost/provider-keys", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: JSON.stringify(body),
          }),
        ),
    });
  } finally {
    await fake.close();
  }
}

Deno.test("provider-keys: add stores only the ciphertext, bound to the organization and provider", async () => {
  await withHandler(async ({ fake, send, rpcCalls, keys }) => {
    const res = await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: ` ${fake.keys.openai} `,
    });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.deepEqual(body.key, { provider: "openai", last4: "abcd" });
    assert.doesNotMatch(JSON.stringify(body), new RegExp(fake.keys.openai));
    assert.doesNotMatch(JSON.stringify(rpcCalls), new RegExp(fake.keys.openai));
    const stored = keys.get(`${ORG}:openai`)!;
    assert.equal(
      await decryptSecret(stored.ciphertext, RING, { aad: `${ORG}:openai` }),
      fake.keys.openai,
    );
    await assert.rejects(decryptSecret(stored.ciphertext, RING, { aad: `${ORG}:anthropic` }));
  });
});

for (const provider of ["openai", "anthropic", "gemini"] as const) {
  Deno.test(`provider-keys (${provider}): test connection makes one tiny real call and records the result`, async () => {
    await withHandler(async ({ fake, send, keys }) => {
      await send({ action: "add", organization_id: ORG, provider, key: fake.keys[provider] });
      const res = await send({ action: "test", organization_id: ORG, provider });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.ok, true, body.message);
      assert.match(body.message, /^Connected: /);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0]!.provider, provider);
      assert.equal(keys.get(`${ORG}:${provider}`)!.last_test_ok, true);
    });
  });
}

Deno.test("provider-keys: a key the provider refuses tests as not ok, with the provider's reason", async () => {
  await withHandler(async ({ send, keys }) => {
    await send({
      action: "add",
      organization_id: ORG,
      provider: "anthropic",
      key: "sk-ant-wrong-000000000",
    });
    const res = await send({ action: "test", organization_id: ORG, provider: "anthropic" });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.ok, false);
    assert.equal(body.provider_status, 401);
    assert.match(body.message, /Anthropic rejected the organization's API key: invalid x-api-key/);
    assert.equal(keys.get(`${ORG}:anthropic`)!.last_test_ok, false);
  });
});

Deno.test("provider-keys: a provider that is down or rate limited tests as not ok", async () => {
  await withHandler(async ({ fake, send }) => {
    await send({ action: "add", organization_id: ORG, provider: "gemini", key: fake.keys.gemini });
    fake.enqueue("gemini", { error: 429, retryAfterSeconds: 3 });
    const body = await (await send({ action: "test", organization_id: ORG, provider: "gemini" }))
      .json();
    assert.equal(body.ok, false);
    assert.match(body.message, /Gemini rate limit exceeded/);
  });
});

Deno.test("provider-keys: rotate replaces the key, revoke removes it; database refusals map to statuses", async () => {
  await withHandler(async ({ fake, send, keys, failNext }) => {
    let res = await send({
      action: "rotate",
      organization_id: ORG,
      provider: "openai",
      key: fake.keys.openai,
    });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "no_active_key");
    await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: "sk-first-key-00001111",
    });
    res = await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: fake.keys.openai,
    });
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "key_exists");
    res = await send({
      action: "rotate",
      organization_id: ORG,
      provider: "openai",
      key: fake.keys.openai,
    });
    assert.equal(res.status, 200);
    assert.equal(keys.get(`${ORG}:openai`)!.last4, "abcd");
    res = await send({ action: "revoke", organization_id: ORG, provider: "openai" });
    assert.equal(res.status, 200);
    assert.equal(keys.size, 0);

    failNext({ code: "42501", message: "Only engineers and admins can manage provider keys" });
    res = await send({ action: "revoke", organization_id: ORG, provider: "openai" });
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.code, "forbidden");
  });
});

Deno.test("provider-keys: no session, or a bad request, never reaches the database", async () => {
  await withHandler(async ({ send, rpcCalls }) => {
    let res = await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: "sk-0000000000",
    }, null);
    assert.equal(res.status, 401);
    res = await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: "sk-0000000000",
    }, "forged");
    assert.equal(res.status, 401);
    res = await send({
      action: "add",
      organization_id: ORG,
      provider: "mistral",
      key: "sk-0000000000",
    });
    assert.equal(res.status, 422);
    res = await send({ action: "add", organization_id: ORG, provider: "openai", key: "short" });
    assert.equal(res.status, 422);
    assert.match(JSON.stringify(await res.json()), /at least 8 characters/);
    res = await send({
      action: "add",
      organization_id: ORG,
      provider: "openai",
      key: "sk-with space-000",
    });
    assert.equal(res.status, 422);
    res = await send({ action: "explode", organization_id: ORG, provider: "openai" });
    assert.equal(res.status, 422);
    assert.equal(rpcCalls.length, 0);
  });
});
