/**
 * Signatures of inbound webhooks (outcomes pushed by other systems), with Web Crypto only, so the
 * same code runs in Deno and Node 20.
 *
 *   x-causeway-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * `t` binds the signature to a moment (checked against a tolerance), the HMAC binds it to the exact
 * bytes of the body. Several `v1=` entries may be sent (while the sender rotates secrets) and
 * several secrets may be tried (while the receiver rotates); one match is enough. Unknown entries
 * (`v0=`, `v2=`) are ignored so the scheme can grow.
 *
 * Replays: within the tolerance the same signed request verifies again. The caller keeps the
 * `replayKey` of every accepted request until `replayKeyExpiresAt` (in the database, with a unique
 * constraint) and refuses a request whose key it has already seen:
 *
 *   const check = await verifyWebhookSignature({ secret, header, rawBody, now: new Date() });
 *   if (!check.ok) return 401 with check.reason;
 *   insert (endpoint_id, check.replayKey, check.replayKeyExpiresAt) on conflict do nothing;
 *   if nothing was inserted: 409 "replayed".
 */

export const SIGNATURE_HEADER = "x-causeway-signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureFailure =
  | "missing_signature"
  | "malformed_signature"
  | "timestamp_outside_tolerance"
  | "signature_mismatch";

export type SignatureCheck =
  | {
    ok: true;
    /** The signed timestamp (unix seconds). */
    timestamp: number;
    /** The hex signature that matched (lowercase). */
    signature: string;
    /** Identifies this signed request: store it and refuse it a second time. */
    replayKey: string;
    /** After this moment the timestamp check refuses the request anyway: forget the key then. */
    replayKeyExpiresAt: Date;
  }
  | { ok: false; reason: SignatureFailure; message: string };

export interface VerifyOptions {
  /** The endpoint's secret, or several while rotating (any may match). */
  secret: string | readonly string[];
  /** The `x-causeway-signature` header value (null/undefined when absent). */
  header: string | null | undefined;
  /** The request body exactly as received: never re-serialized JSON. */
  rawBody: string | Uint8Array;
  now: Date;
  toleranceSeconds?: number;
}

const encoder = new TextEncoder();

/** Verifies a webhook request's signature. Never throws for bad input; throws for no secret. */
export async function verifyWebhookSignature(options: VerifyOptions): Promise<SignatureCheck> {
  const secrets = typeof options.secret === "string" ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new TypeError("verifyWebhookSignature: the secret must not be empty.");
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

  const header = options.header?.trim();
  if (!header) {
    return fail("missing_signature", `The ${SIGNATURE_HEADER} header is missing.`);
  }
  const parsed = parseSignatureHeader(header);
  if (typeof parsed === "string") return fail("malformed_signature", parsed);

  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
    return fail(
      "timestamp_outside_tolerance",
      `The signature timestamp is ${
        Math.abs(nowSeconds - parsed.timestamp)
      } s away from the server clock; at most ${tolerance} s is accepted.`,
    );
  }

  const message = concat(encoder.encode(`${parsed.timestamp}.`), bodyBytes(options.rawBody));
  for (const secret of secrets) {
    const expected = await hmacSha256(secret, message);
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, candidate.bytes)) {
        return {
          ok: true,
          timestamp: parsed.timestamp,
          signature: candidate.hex,
          replayKey: webhookReplayKey(parsed.timestamp, candidate.hex),
          replayKeyExpiresAt: new Date((parsed.timestamp + tolerance) * 1000),
        };
      }
    }
  }
  return fail("signature_mismatch", "The signature does not match the body and the secret.");
}

/** The `x-causeway-signature` value for `rawBody`, signed at `now` (default: the current time). */
export async function signWebhookPayload(options: {
  secret: string;
  rawBody: string | Uint8Array;
  now?: Date;
}): Promise<string> {
  if (options.secret.length === 0) {
    throw new TypeError("signWebhookPayload: the secret must not be empty.");
  }
  const t = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const mac = await hmacSha256(
    options.secret,
    concat(encoder.encode(`${t}.`), bodyBytes(options.rawBody)),
  );
  return `t=${t},v1=${toHex(mac)}`;
}

/** The key that identifies one signed request: its timestamp and signature. */
export function webhookReplayKey(timestamp: number, signatureHex: string): string {
  return `${timestamp}:${signatureHex.toLowerCase()}`;
}

interface ParsedHeader {
  timestamp: number;
  signatures: { hex: string; bytes: Uint8Array }[];
}

/** `t=…,v1=…[,v1=…]` → its parts, or the reason it is malformed. */
export function parseSignatureHeader(header: string): ParsedHeader | string {
  let timestamp: number | undefined;
  const signatures: ParsedHeader["signatures"] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return `"${part.trim()}" is not a key=value pair.`;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== undefined) return "The header has more than one t=.";
      if (!/^\d{1,12}$/.test(value)) return "t= must be a Unix time in seconds.";
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return "v1= must be 64 hex characters (HMAC-SHA256).";
      const hex = value.toLowerCase();
      signatures.push({ hex, bytes: fromHex(hex) });
    }
    // Other keys (v0, v2, …) are ignored.
  }
  if (timestamp === undefined) return "The header has no t= timestamp.";
  if (signatures.length === 0) return "The header has no v1= signature.";
  return { timestamp, signatures };
}

/** Compares two byte arrays in time that depends only on their lengths. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function fail(reason: SignatureFailure, message: string): SignatureCheck {
  return { ok: false, reason, message };
}

async function hmacSha256(
  secret: string,
  message: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
}

function bodyBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : body;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
