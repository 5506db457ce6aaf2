import assert from "node:assert/strict";
import { MAX_OUTCOME_ROWS, validateOutcomeRow, webhookRows } from "./outcome-rows.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const row = (extra: Record<string, unknown> = {}) => ({
  idempotency_key: "k1",
  metric_key: "csat",
  value: 4,
  occurred_at: "2026-06-01T11:00:00Z",
  conversation_id: "conv-1",
  ...extra,
});

Deno.test("a valid row comes back flat, nulls dropped", () => {
  assert.deepEqual(validateOutcomeRow(row({ account: null, metadata: { plan: "pro" } }), NOW), {
    status: "valid",
    row: {
      idempotency_key: "k1",
      metric_key: "csat",
      value: 4,
      occurred_at: "2026-06-01T11:00:00Z",
      conversation_id: "conv-1",
      metadata: { plan: "pro" },
    },
  });
});

Deno.test("errors name the row's own fields, with the ingest contract's reasons", () => {
  const result = validateOutcomeRow(
    {
      idempotency_key: "k2",
      metric_key: "CSAT Score",
      value: "4",
      occurred_at: "2026-06-01T12:06:00Z",
      colour: "red",
    },
    NOW,
  );
  assert.equal(result.status, "rejected");
  assert.equal(result.idempotency_key, "k2");
  const fields = result.status === "rejected" ? result.errors : [];
  assert.deepEqual(fields.map((e) => e.field).sort(), [
    "",
    "colour",
    "metric_key",
    "occurred_at",
    "value",
  ]);
  assert.deepEqual(fields.find((e) => e.field === "occurred_at"), {
    field: "occurred_at",
    reason: "occurred_at is 6 minutes in the future",
  });
  assert.deepEqual(fields.find((e) => e.field === ""), {
    field: "",
    reason: "must be linked to a run_id, run_external_id, conversation_id, end_user_id or account",
  });
});

Deno.test("source is set by the channel, never by the row", () => {
  const result = validateOutcomeRow(row({ source: "hubspot" }), NOW);
  assert.deepEqual(result, {
    status: "rejected",
    idempotency_key: "k1",
    errors: [{ field: "source", reason: "is not a known field" }],
  });
});

Deno.test("webhook bodies: one row, a batch, or a clear refusal", () => {
  assert.deepEqual(webhookRows(row()), { ok: true, rows: [row()] });
  assert.deepEqual(webhookRows({ outcomes: [row(), 3] }), { ok: true, rows: [row(), 3] });
  for (const bad of [null, [row()], "x", { outcomes: {} }, { outcomes: [], extra: 1 }]) {
    const result = webhookRows(bad);
    assert.equal(result.ok, false, JSON.stringify(bad));
    assert.equal(result.ok === false && result.status, 422);
  }
  const tooMany = webhookRows({ outcomes: Array.from({ length: MAX_OUTCOME_ROWS + 1 }, row) });
  assert.equal(tooMany.ok === false && tooMany.status, 413);
});
