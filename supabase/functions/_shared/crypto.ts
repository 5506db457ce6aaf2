/**
 * Provider API keys at rest: AES-256-GCM (Web Crypto) under a server-side secret that only the
 * edge functions hold (`PROVIDER_KEYS_SECRET`, 32 random bytes in base64; on hosted Supabase a
 * function secret: `npx supabase secrets set PROVIDER_KEYS_SECRET=$(openssl rand -base64 32)`).
 *
 * Stored form: `<key id>:<base64 12-byte IV>:<base64 ciphertext + 16-byte tag>`, e.g.
 * `v1:q2Vn…:Zx8…`. The key id says which secret encrypted it, so secrets can be rotated:
 *
 *   1. PROVIDER_KEYS_SECRET=v2:<new>  PROVIDER_KEYS_PREVIOUS_SECRETS=v1:<old>
 *      New keys are encrypted with v2; v1 ones still decrypt.
 *   2. Re-encrypt every stored key for which `needsReencryption()` is true.
 *   3. Drop PROVIDER_KEYS_PREVIOUS_SECRETS.
 *
 * A bare PROVIDER_KEYS_SECRET (no `id:` prefix) has the id `v1`.
 *
 * Optional associated data (`aad`, e.g. `${organization_id}:${provider}`) binds a ciphertext to its
 * row: copied to another organization's row, it no longer decrypts.
 */
import { HttpError } from "./http.ts";

export const DEFAULT_KEY_ID = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The secrets by key id, and the id new ciphertexts use. */
export interface KeyRing {
  current: string;
  secrets: Readonly<Record<string, string>>;
}

/** Why a value could not be decrypted. The message never contains key material. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

/**
 * A missing or malformed secret: a 500 `server_misconfigured` when it reaches `defineFunction`,
 * like EnvError. The message names the variable or key id, never the secret.
 */
export class SecretConfigError extends HttpError {
  constructor(message: string) {
    super(500, "server_misconfigured", message);
    this.name = "SecretConfigError";
  }
}

function toRing(secret: string | KeyRing): KeyRing {
  return typeof secret === "string"
    ? { current: DEFAULT_KEY_ID, secrets: { [DEFAULT_KEY_ID]: secret } }
    : secret;
}

async function importKey(secret: string, keyId: string): Promise<CryptoKey> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(secret.trim());
  } catch {
    throw new SecretConfigError(`The secret for key id ${keyId} is not valid base64.`);
  }
  if (bytes.length !== 32) {
    throw new SecretConfigError(
      `The secret for key id ${keyId} must be 32 bytes (base64), not ${bytes.length}.`,
    );
  }
  return await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function aadParams(aad: string | undefined): { additionalData?: Uint8Array<ArrayBuffer> } {
  return aad === undefined ? {} : { additionalData: new TextEncoder().encode(aad) };
}

/** Encrypts `plaintext` with the ring's current secret (or with `secret`, as key id v1). */
export async function encryptSecret(
  plaintext: string,
  secret: string | KeyRing,
  options: { aad?: string } = {},
): Promise<string> {
  const ring = toRing(secret);
  const keySecret = ring.secrets[ring.current];
  if (!KEY_ID.test(ring.current) || keySecret === undefined) {
    throw new SecretConfigError(`The current key id ${ring.current} has no secret.`);
  }
  const key = await importKey(keySecret, ring.current);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, tagLength: TAG_BYTES * 8, ...aadParams(options.aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${ring.current}:${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
}

/**
 * Decrypts a value made by `encryptSecret`. `secrets` is one secret (key id v1), a key ring, or a
 * map of key id → secret. Throws DecryptionError when the value is malformed, its key id is
 * unknown, or it was altered, encrypted under another secret, or with other associated data.
 */
export async function decryptSecret(
  ciphertext: string,
  secrets: string | KeyRing | Readonly<Record<string, string>>,
  options: { aad?: string } = {},
): Promise<string> {
  const map = typeof secrets === "string"
    ? { [DEFAULT_KEY_ID]: secrets }
    : isRing(secrets)
    ? secrets.secrets
    : secrets;
  const parts = ciphertext.split(":");
  if (parts.length !== 3) throw new DecryptionError("Not an encrypted secret.");
  const [keyId, ivText, sealedText] = parts as [string, string, string];
  const secret = Object.hasOwn(map, keyId) ? map[keyId] : undefined;
  if (secret === undefined) {
    throw new DecryptionError(`No secret is configured for key id "${keyId.slice(0, 32)}".`);
  }
  let iv: Uint8Array<ArrayBuffer>;
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    iv = fromBase64(ivText);
    sealed = fromBase64(sealedText);
  } catch {
    throw new DecryptionError("The encrypted secret is not valid base64.");
  }
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
    throw new DecryptionError("The encrypted secret is truncated.");
  }
  const key = await importKey(secret, keyId);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, tagLength: TAG_BYTES * 8, ...aadParams(options.aad) },
      key,
      sealed,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new DecryptionError(
      "The encrypted secret could not be decrypted: it was altered or encrypted with another secret.",
    );
  }
}

function isRing(value: unknown): value is KeyRing {
  return typeof value === "object" && value !== null && "current" in value &&
    "secrets" in value && typeof (value as KeyRing).secrets === "object";
}

/** The key id of an encrypted value (null when it is not one). */
export function keyIdOf(ciphertext: string): string | null {
  const keyId = ciphertext.split(":", 1)[0] ?? "";
  return ciphertext.split(":").length === 3 && KEY_ID.test(keyId) ? keyId : null;
}

/** True when `ciphertext` was encrypted with a secret other than the ring's current one. */
export function needsReencryption(ciphertext: string, ring: KeyRing): boolean {
  return keyIdOf(ciphertext) !== ring.current;
}

/**
 * The last four characters, the only part of a key the browser ever sees. Keys shorter than
 * 8 characters (never a real provider key) give "" rather than half the key.
 */
export function lastFour(plaintext: string): string {
  const key = plaintext.trim();
  return key.length < 8 ? "" : key.slice(-4);
}

/** Generates a new secret: 32 random bytes, base64. */
export function generateSecret(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The key ring from the environment:
 * PROVIDER_KEYS_SECRET = `<base64>` (key id v1) or `<id>:<base64>` (the current secret);
 * PROVIDER_KEYS_PREVIOUS_SECRETS = `<id>:<base64>[,<id>:<base64>…]` (decrypt only).
 * Throws SecretConfigError naming the variable (never its value) when missing or malformed.
 */
export function keyRingFromEnv(
  getEnv: (name: string) => string | undefined = (name) => Deno.env.get(name),
): KeyRing {
  const raw = getEnv("PROVIDER_KEYS_SECRET")?.trim();
  if (!raw) throw new SecretConfigError("Environment variable PROVIDER_KEYS_SECRET is not set.");
  const current = parseEntry(raw, "PROVIDER_KEYS_SECRET", true);
  const secrets: Record<string, string> = {};
  const previous = getEnv("PROVIDER_KEYS_PREVIOUS_SECRETS")?.trim();
  if (previous) {
    for (const item of previous.split(",").map((s) => s.trim()).filter(Boolean)) {
      const entry = parseEntry(item, "PROVIDER_KEYS_PREVIOUS_SECRETS", false);
      secrets[entry.id] = entry.secret;
    }
  }
  secrets[current.id] = current.secret;
  for (const [id, secret] of Object.entries(secrets)) {
    let length = -1;
    try {
      length = fromBase64(secret).length;
    } catch { /* reported below */ }
    if (length !== 32) {
      const name = id === current.id ? "PROVIDER_KEYS_SECRET" : "PROVIDER_KEYS_PREVIOUS_SECRETS";
      throw new SecretConfigError(
        `Environment variable ${name} is invalid: the secret for key id ${id} must be 32 bytes in base64.`,
      );
    }
  }
  return { current: current.id, secrets };
}

function parseEntry(text: string, variable: string, idOptional: boolean) {
  const colon = text.indexOf(":");
  if (colon === -1) {
    if (idOptional) return { id: DEFAULT_KEY_ID, secret: text };
    throw new SecretConfigError(
      `Environment variable ${variable} is invalid: each entry must be <key id>:<base64 secret>.`,
    );
  }
  const id = text.slice(0, colon);
  if (!KEY_ID.test(id)) {
    throw new SecretConfigError(
      `Environment variable ${variable} is invalid: a key id is letters, digits, _ or -.`,
    );
  }
  return { id, secret: text.slice(colon + 1) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new TypeError("invalid base64");
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
