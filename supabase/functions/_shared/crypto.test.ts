import assert from "node:assert/strict";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  generateSecret,
  keyIdOf,
  keyRingFromEnv,
  lastFour,
  needsReencryption,
  SecretConfigError,
} from "./crypto.ts";
import { HttpError } from "./http.ts";

const SECRET = generateSecret();
const OTHER = generateSecret();
const KEY = "sk-proj-AbCdEf0123456789-wxyz";

function flip(base64: string, index: number): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  bytes[index]! ^= 0x01;
  return btoa(String.fromCharCode(...bytes));
}

Deno.test("crypto: round trip, as v1:<iv>:<ciphertext+tag>", async () => {
  const sealed = await encryptSecret(KEY, SECRET);
  const [id, iv, body] = sealed.split(":");
  assert.equal(id, "v1");
  assert.equal(atob(iv!).length, 12);
  assert.equal(atob(body!).length, new TextEncoder().encode(KEY).length + 16);
  assert.ok(!sealed.includes(KEY));
  assert.equal(await decryptSecret(sealed, SECRET), KEY);
  assert.equal(await decryptSecret(await encryptSecret("", SECRET), SECRET), "");
  const unicode = "clé-🔑-ключ";
  assert.equal(await decryptSecret(await encryptSecret(unicode, SECRET), SECRET), unicode);
});

Deno.test("crypto: flipping any byte of the ciphertext, tag or IV is detected", async () => {
  const sealed = await encryptSecret(KEY, SECRET);
  const [id, iv, body] = sealed.split(":") as [string, string, string];
  const length = atob(body).length;
  for (const index of [0, Math.floor(length / 2), length - 1]) {
    await assert.rejects(
      decryptSecret(`${id}:${iv}:${flip(body, index)}`, SECRET),
      DecryptionError,
    );
  }
  await assert.rejects(decryptSecret(`${id}:${flip(iv, 0)}:${body}`, SECRET), DecryptionError);
});

Deno.test("crypto: the wrong secret, unknown key id or malformed input is a DecryptionError", async () => {
  const sealed = await encryptSecret(KEY, SECRET);
  await assert.rejects(decryptSecret(sealed, OTHER), DecryptionError);
  await assert.rejects(
    decryptSecret(sealed.replace(/^v1:/, "v9:"), SECRET),
    /No secret is configured for key id "v9"/,
  );
  for (const bad of ["", "plaintext", "v1:abc", "v1:!!!:???", "v1:AAAA:AAAA", "a:b:c:d"]) {
    await assert.rejects(decryptSecret(bad, SECRET), DecryptionError, bad);
  }
  await assert.rejects(
    decryptSecret(sealed.replace(/^v1:/, "constructor:"), { v1: SECRET }),
    DecryptionError,
  );
});

Deno.test("crypto: associated data binds a ciphertext to its row", async () => {
  const sealed = await encryptSecret(KEY, SECRET, { aad: "org-1:openai" });
  assert.equal(await decryptSecret(sealed, SECRET, { aad: "org-1:openai" }), KEY);
  await assert.rejects(decryptSecret(sealed, SECRET, { aad: "org-2:openai" }), DecryptionError);
  await assert.rejects(decryptSecret(sealed, SECRET), DecryptionError);
});

Deno.test("crypto: a fresh IV every time: same plaintext, different ciphertexts", async () => {
  const ivs = new Set<string>();
  const sealed = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const value = await encryptSecret(KEY, SECRET);
    ivs.add(value.split(":")[1]!);
    sealed.add(value);
  }
  assert.equal(ivs.size, 200);
  assert.equal(sealed.size, 200);
});

Deno.test("crypto: rotation — encrypt with the current id, decrypt old and new", async () => {
  const old = await encryptSecret(KEY, SECRET);
  const ring = { current: "v2", secrets: { v1: SECRET, v2: OTHER } };
  const fresh = await encryptSecret(KEY, ring);
  assert.equal(keyIdOf(fresh), "v2");
  assert.equal(await decryptSecret(old, ring), KEY);
  assert.equal(await decryptSecret(fresh, ring), KEY);
  assert.equal(await decryptSecret(fresh, { v2: OTHER }), KEY);
  assert.equal(needsReencryption(old, ring), true);
  assert.equal(needsReencryption(fresh, ring), false);
  await assert.rejects(decryptSecret(fresh, SECRET), /key id "v2"/);
});

Deno.test("crypto: secrets must be 32 bytes of base64", async () => {
  await assert.rejects(encryptSecret(KEY, btoa("too short")), SecretConfigError);
  // 16 bytes would be a valid AES-128 key: it must still be refused.
  const aes128 = btoa(String.fromCharCode(...new Uint8Array(16)));
  await assert.rejects(encryptSecret(KEY, aes128), /must be 32 bytes \(base64\), not 16/);
  await assert.rejects(encryptSecret(KEY, "not base64!"), SecretConfigError);
  await assert.rejects(
    encryptSecret(KEY, { current: "v3", secrets: { v1: SECRET } }),
    SecretConfigError,
  );
});

Deno.test("crypto: keyRingFromEnv reads PROVIDER_KEYS_SECRET and PROVIDER_KEYS_PREVIOUS_SECRETS", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.deepEqual(keyRingFromEnv(env({ PROVIDER_KEYS_SECRET: SECRET })), {
    current: "v1",
    secrets: { v1: SECRET },
  });
  assert.deepEqual(
    keyRingFromEnv(
      env({
        PROVIDER_KEYS_SECRET: `v2:${OTHER}`,
        PROVIDER_KEYS_PREVIOUS_SECRETS: ` v1:${SECRET} ,`,
      }),
    ),
    { current: "v2", secrets: { v1: SECRET, v2: OTHER } },
  );
  const missing = (() => {
    try {
      keyRingFromEnv(env({}));
    } catch (err) {
      return err;
    }
  })();
  assert.ok(missing instanceof SecretConfigError && missing instanceof HttpError);
  assert.equal(missing.status, 500);
  assert.equal(missing.code, "server_misconfigured");
  assert.equal(missing.message, "Environment variable PROVIDER_KEYS_SECRET is not set.");
  assert.throws(
    () => keyRingFromEnv(env({ PROVIDER_KEYS_SECRET: btoa("short") })),
    /PROVIDER_KEYS_SECRET is invalid/,
  );
  assert.throws(
    () =>
      keyRingFromEnv(env({ PROVIDER_KEYS_SECRET: SECRET, PROVIDER_KEYS_PREVIOUS_SECRETS: SECRET })),
    /PROVIDER_KEYS_PREVIOUS_SECRETS is invalid/,
  );
  try {
    keyRingFromEnv(env({ PROVIDER_KEYS_SECRET: "v1:" + btoa("short") }));
  } catch (err) {
    assert.ok(!(err as Error).message.includes(btoa("short")), "never the secret itself");
  }
});

Deno.test("crypto: lastFour shows the last four characters of a real key only", () => {
  assert.equal(lastFour(KEY), "wxyz");
  assert.equal(lastFour("  sk-ant-api03-abcd1234\n"), "1234");
  assert.equal(lastFour("short"), "");
});
