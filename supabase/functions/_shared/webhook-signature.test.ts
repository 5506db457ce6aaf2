import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  parseSignatureHeader,
  type SignatureCheck,
  signWebhookPayload,
  timingSafeEqual,
  verifyWebhookSignature,
  webhookReplayKey,
} from "./webhook-signature.ts";

const SECRET = "whsec_test_4f1c2a";
const NOW = new Date("2026-06-01T12:00:00Z");
const T = Math.floor(NOW.getTime() / 1000); // 1780315200
const BODY = '{"metric_key":"conversion","value":1,"account":"northwind"}';

function nodeHmac(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

function failure(check: SignatureCheck): string {
  assert.equal(check.ok, false, "expected the check to fail");
  return check.ok ? "" : check.reason;
}

Deno.test("sign → verify: ok, with the replay key and when to forget it", async () => {
  const header = await signWebhookPayload({ secret: SECRET, rawBody: BODY, now: NOW });
  const v1 = nodeHmac(SECRET, T, BODY);
  assert.equal(header, `t=${T},v1=${v1}`, "matches an independent HMAC-SHA256 of `<t>.<body>`");

  const check = await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW });
  assert.deepEqual(check, {
    ok: true,
    timestamp: T,
    signature: v1,
    replayKey: `${T}:${v1}`,
    replayKeyExpiresAt: new Date((T + 300) * 1000),
  });
});

Deno.test("the body may be given as bytes; the exact bytes are what is signed", async () => {
  const bytes = new TextEncoder().encode(BODY);
  const header = await signWebhookPayload({ secret: SECRET, rawBody: bytes, now: NOW });
  assert.ok((await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW })).ok);
  assert.ok(
    (await verifyWebhookSignature({ secret: SECRET, header, rawBody: bytes, now: NOW })).ok,
  );
});

Deno.test("missing_signature: no header, or an empty one", async () => {
  for (const header of [null, undefined, "", "   "]) {
    const check = await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW });
    assert.equal(failure(check), "missing_signature", String(header));
  }
});

Deno.test("malformed_signature: anything that is not t=<seconds>,v1=<64 hex>", async () => {
  const v1 = nodeHmac(SECRET, T, BODY);
  const headers = [
    "garbage",
    v1,
    `t=${T}`,
    `v1=${v1}`,
    `t=soon,v1=${v1}`,
    `t=-5,v1=${v1}`,
    `t=${T},t=${T},v1=${v1}`,
    `t=${T},v1=${v1.slice(1)}`,
    `t=${T},v1=${v1}zz`,
    `t=${T},v1=${"g".repeat(64)}`,
    `t=${T},,v1=${v1}`,
    `t=${T};v1=${v1}`,
  ];
  for (const header of headers) {
    const check = await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW });
    assert.equal(failure(check), "malformed_signature", header);
    assert.ok(!check.ok && check.message.length > 0);
  }
});

Deno.test("timestamp_outside_tolerance: more than 300 s either way, or the tolerance given", async () => {
  const at = async (offsetSeconds: number, toleranceSeconds?: number) => {
    const now = new Date(NOW.getTime() + offsetSeconds * 1000);
    const header = await signWebhookPayload({ secret: SECRET, rawBody: BODY, now: NOW });
    return verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now, toleranceSeconds });
  };
  assert.ok((await at(300)).ok);
  assert.ok((await at(-300)).ok);
  assert.equal(failure(await at(301)), "timestamp_outside_tolerance");
  assert.equal(failure(await at(-301)), "timestamp_outside_tolerance");
  assert.equal(failure(await at(86_400)), "timestamp_outside_tolerance");
  assert.ok((await at(59, 60)).ok);
  assert.equal(failure(await at(61, 60)), "timestamp_outside_tolerance");
  // A stale request is refused on its timestamp even though its signature is genuine.
  const stale = await at(301);
  assert.ok(!stale.ok && /301 s/.test(stale.message));
});

Deno.test("signature_mismatch: another body, secret or timestamp", async () => {
  const header = await signWebhookPayload({ secret: SECRET, rawBody: BODY, now: NOW });
  const verify = (overrides: { secret?: string; header?: string; rawBody?: string }) =>
    verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW, ...overrides });

  assert.equal(failure(await verify({ rawBody: BODY.replace("1", "2") })), "signature_mismatch");
  assert.equal(failure(await verify({ rawBody: `${BODY}\n` })), "signature_mismatch");
  // Re-serialized JSON is different bytes: always verify the raw body.
  const reserialized = JSON.stringify(JSON.parse(BODY), null, 1);
  assert.equal(failure(await verify({ rawBody: reserialized })), "signature_mismatch");
  assert.equal(failure(await verify({ secret: `${SECRET}x` })), "signature_mismatch");
  // The same v1 moved to another timestamp does not verify: t is part of what is signed.
  const moved = header.replace(`t=${T}`, `t=${T + 1}`);
  assert.equal(failure(await verify({ header: moved })), "signature_mismatch");
});

Deno.test("rotation: several v1 entries or several secrets, one match is enough", async () => {
  const header = await signWebhookPayload({ secret: "old-secret", rawBody: BODY, now: NOW });
  const v1Old = header.split("v1=")[1]!;
  const v1New = nodeHmac("new-secret", T, BODY);

  const both = `t=${T},v1=${v1New},v1=${v1Old}`;
  const check = await verifyWebhookSignature({
    secret: "old-secret",
    header: both,
    rawBody: BODY,
    now: NOW,
  });
  assert.ok(check.ok && check.signature === v1Old);

  const secrets = ["new-secret", "old-secret"];
  assert.ok(
    (await verifyWebhookSignature({ secret: secrets, header, rawBody: BODY, now: NOW })).ok,
  );
  assert.equal(
    failure(
      await verifyWebhookSignature({ secret: ["new-secret"], header, rawBody: BODY, now: NOW }),
    ),
    "signature_mismatch",
  );
});

Deno.test("unknown entries are ignored, spaces and upper-case hex are tolerated", async () => {
  const v1 = nodeHmac(SECRET, T, BODY);
  const header = ` t=${T} , v0=legacy , v1=${v1.toUpperCase()} , v2=future `;
  const check = await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW });
  assert.ok(check.ok);
  assert.equal(check.replayKey, `${T}:${v1}`, "the replay key is normalised to lower case");
});

Deno.test("replay: the same signed request verifies again with the same replay key", async () => {
  // Verification alone cannot see replays: the caller stores replayKey and refuses repeats.
  const header = await signWebhookPayload({ secret: SECRET, rawBody: BODY, now: NOW });
  const first = await verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW });
  const later = new Date(NOW.getTime() + 120_000);
  const replay = await verifyWebhookSignature({
    secret: SECRET,
    header,
    rawBody: BODY,
    now: later,
  });
  assert.ok(first.ok && replay.ok);
  assert.equal(first.replayKey, replay.replayKey);

  // Signing the same body a second later is a new request with a new key.
  const next = await signWebhookPayload({
    secret: SECRET,
    rawBody: BODY,
    now: new Date(NOW.getTime() + 1000),
  });
  const second = await verifyWebhookSignature({
    secret: SECRET,
    header: next,
    rawBody: BODY,
    now: later,
  });
  assert.ok(second.ok && second.replayKey !== first.replayKey);
  assert.equal(webhookReplayKey(T, "ABC"), `${T}:abc`);
});

Deno.test("an empty secret is a programming error", async () => {
  const header = await signWebhookPayload({ secret: SECRET, rawBody: BODY, now: NOW });
  await assert.rejects(
    verifyWebhookSignature({ secret: "", header, rawBody: BODY, now: NOW }),
    TypeError,
  );
  await assert.rejects(
    verifyWebhookSignature({ secret: [], header, rawBody: BODY, now: NOW }),
    TypeError,
  );
  await assert.rejects(signWebhookPayload({ secret: "", rawBody: BODY }), TypeError);
});

Deno.test("parseSignatureHeader and timingSafeEqual", () => {
  const v1 = "a".repeat(64);
  const parsed = parseSignatureHeader(`t=12,v1=${v1}`);
  assert.ok(typeof parsed !== "string");
  assert.equal(parsed.timestamp, 12);
  assert.equal(parsed.signatures[0]!.bytes.length, 32);
  assert.equal(typeof parseSignatureHeader("t=12"), "string");

  assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
  assert.equal(timingSafeEqual(new Uint8Array([]), new Uint8Array([])), true);
});

Deno.test("the example in docs/ingest-api.md verifies", async () => {
  const doc = await Deno.readTextFile(new URL("../../../docs/ingest-api.md", import.meta.url));
  const example = doc.match(/x-causeway-signature: (t=\d+,v1=[0-9a-f]{64})\n\n(\{.*\})\n/);
  assert.ok(example, "the signed example is in the doc");
  const [, header, rawBody] = example;
  assert.equal(rawBody, BODY);
  const check = await verifyWebhookSignature({
    secret: SECRET,
    header,
    rawBody: rawBody!,
    now: NOW,
  });
  assert.ok(check.ok);
});
