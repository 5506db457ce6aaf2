import assert from "node:assert/strict";
import { Causeway } from "../../../sdk/src/index.ts";
import {
  type EventResult,
  type FieldError,
  fieldPath,
  humanDuration,
  type IngestEvent,
  type IngestResponse,
  MAX_BATCH_BYTES,
  MAX_EVENTS_PER_BATCH,
  readBatchBody,
  validateBatch,
  validateEvent,
} from "./ingest-events.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const RUN_ID = "0b6c7a52-4a57-4c57-9a4e-0d1b6f0e9d1a";

function event(
  type: string,
  payload: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    type,
    idempotency_key: "k1",
    occurred_at: "2026-06-01T11:59:00Z",
    [type]: payload,
    ...extra,
  };
}

function rejectedErrors(raw: unknown, now = NOW): FieldError[] {
  const result = validateEvent(raw, now);
  assert.equal(result.status, "rejected", `expected a rejection for ${JSON.stringify(raw)}`);
  return result.status === "rejected" ? result.errors : [];
}

function valid(raw: unknown, now = NOW): IngestEvent {
  const result = validateEvent(raw, now);
  assert.equal(
    result.status,
    "valid",
    result.status === "rejected" ? JSON.stringify(result.errors) : "",
  );
  return (result as { event: IngestEvent }).event;
}

// ---------------------------------------------------------------------------------------------
// The table of bad payloads in docs/ingest-api.md

interface BadPayloadRow {
  number: string;
  event: unknown;
  errors: FieldError[];
}

async function badPayloadTable(): Promise<BadPayloadRow[]> {
  const doc = await Deno.readTextFile(new URL("../../../docs/ingest-api.md", import.meta.url));
  const start = doc.indexOf("<!-- bad-payloads:start -->");
  const end = doc.indexOf("<!-- bad-payloads:end -->");
  assert.ok(start >= 0 && end > start, "docs/ingest-api.md has the bad-payloads markers");
  const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
  const rows: BadPayloadRow[] = [];
  for (const line of doc.slice(start, end).split("\n")) {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    if (cells.length !== 4 || !/^\d+$/.test(cells[0]!)) continue;
    const [number, eventCell, fieldCell, reasonCell] = cells as [string, string, string, string];
    const [eventJson] = codeSpans(eventCell);
    assert.ok(eventJson !== undefined, `row ${number}: the event is a code span`);
    const fields = fieldCell.split("<br>").map((part) => codeSpans(part)[0]);
    const reasons = reasonCell.split("<br>").map((part) => codeSpans(part)[0]);
    assert.equal(fields.length, reasons.length, `row ${number}: as many fields as reasons`);
    rows.push({
      number,
      event: JSON.parse(eventJson),
      errors: fields.map((field, i) => ({
        field: field === '""' ? "" : field!,
        reason: reasons[i]!,
      })),
    });
  }
  return rows;
}

Deno.test("docs/ingest-api.md: every bad payload gets exactly the error the table says", async () => {
  const rows = await badPayloadTable();
  assert.ok(rows.length >= 50, `the table has ${rows.length} rows`);
  assert.deepEqual(
    rows.map((row) => row.number),
    rows.map((_, i) => String(i + 1)),
    "rows are numbered 1..n",
  );
  const types = new Set(
    rows.map((row) => (row.event as { type?: unknown }).type).filter((t) => typeof t === "string"),
  );
  for (const type of ["run", "run_completed", "run_failed", "outcome", "feedback"]) {
    assert.ok(types.has(type), `the table covers ${type}`);
  }

  const mismatches: string[] = [];
  for (const row of rows) {
    const raw = typeof row.event === "object" && row.event !== null && !Array.isArray(row.event)
      ? { idempotency_key: "k1", occurred_at: "2026-06-01T12:00:00Z", ...row.event }
      : row.event;
    const result = validateEvent(raw, NOW);
    const actual = result.status === "rejected" ? result.errors : "valid";
    try {
      assert.deepEqual(actual, row.errors);
    } catch {
      mismatches.push(
        `row ${row.number}: expected ${JSON.stringify(row.errors)}, got ${JSON.stringify(actual)}`,
      );
    }
  }
  assert.deepEqual(mismatches, []);
});

Deno.test("the same rows sent as one batch: each is rejected on its own, in order", async () => {
  const rows = await badPayloadTable();
  const good = event("outcome", { metric_key: "conversion", value: 1, account: "acme" });
  const events = rows.flatMap((row) => [
    typeof row.event === "object" && row.event !== null && !Array.isArray(row.event)
      ? { idempotency_key: "k1", occurred_at: "2026-06-01T12:00:00Z", ...row.event }
      : row.event,
    { ...good, idempotency_key: `good-${row.number}` },
  ]);
  const batch = validateBatch({ events }, NOW);
  assert.ok(batch.ok);
  assert.equal(batch.results.length, rows.length * 2);
  batch.results.forEach((result, i) => {
    assert.equal(result.index, i);
    assert.equal(result.status, i % 2 === 0 ? "rejected" : "valid", `event ${i}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Valid events

Deno.test("a full run is valid and comes back unchanged, with no defaults added over given values", () => {
  const run = {
    id: RUN_ID,
    external_id: "ls-run-881",
    conversation_id: "conv-8812",
    account: "northwind",
    end_user_id: "user-311",
    capability: "LeadConversion",
    action: "GetAvailability",
    intent: "Pricing.Question",
    experiment_id: "5c0e1c43-62d4-4f0e-8d6e-3b0b5b9a7c11",
    variant_id: "6d1f2d54-73e5-4a1f-9e7f-4c1c6cab8d22",
    version_id: "7e2a3e65-84f6-4b2a-8f80-5d2d7dbc9e33",
    provider: "openai",
    model: "gpt-4o",
    latency_ms: 1840.5,
    time_to_first_token_ms: 420,
    tokens_in: 1250,
    tokens_out: 310,
    tokens_cached: 1024,
    cost_usd: 0.0123,
    status: "timeout",
    error_type: "upstream_timeout",
    error_message: "no answer in 30 s",
    is_manual: false,
    tool_calls: [{ name: "lookup_order", duration_ms: 95, ok: true }, { name: "crm", ok: false }],
    question: "  Where is my order?  ",
    response: "",
    metadata: { locale: "en-GB", nested: { a: [1, 2] } },
  };
  const raw = event("run", run, { occurred_at: "2026-06-01T13:59:00.250+02:00" });
  assert.deepEqual(valid(raw), raw);
});

Deno.test("defaults: run status ok, outcome source api; nothing else is added", () => {
  const run = valid(event("run", {}));
  assert.deepEqual(run, { ...event("run", {}), run: { status: "ok" } });
  const outcome = valid(
    event("outcome", { metric_key: "order_value", value: -12.5, account: "a" }),
  );
  assert.deepEqual((outcome as { outcome: unknown }).outcome, {
    metric_key: "order_value",
    value: -12.5,
    account: "a",
    source: "api",
  });
});

Deno.test("each event type has a minimal valid form", () => {
  valid(event("run_completed", { run_id: RUN_ID }));
  valid(event("run_completed", { run_external_id: "agent-7", duration_ms: 0 }));
  valid(event("run_failed", { run_id: RUN_ID, error_type: "tool", error_message: "CRM down" }));
  for (const link of ["run_id", "run_external_id", "conversation_id", "end_user_id", "account"]) {
    const value = link === "run_id" ? RUN_ID : "x";
    valid(event("outcome", { metric_key: "csat", value: 4, [link]: value }));
  }
  for (const content of [{ thumbs: "down" }, { rating: 1 }, { rating: 5 }, { comment: "great" }]) {
    valid(event("feedback", { run_external_id: "r-9", ...content }));
  }
  for (const source of ["api", "csv", "manual", "webhook", "hubspot"]) {
    valid(event("outcome", { metric_key: "csat", value: 4, account: "a", source }));
  }
});

Deno.test("null means left out, at every level the contract defines", () => {
  const raw = event("run", {
    model: null,
    status: null,
    tool_calls: [{ name: "search", ok: true, duration_ms: null }],
    metadata: null,
  });
  const parsed = valid({ ...raw, extra_null: null }) as { run: Record<string, unknown> };
  assert.deepEqual(parsed.run, { status: "ok", tool_calls: [{ name: "search", ok: true }] });
  // null inside metadata is data, and is kept.
  const withNullInside = valid(event("run", { metadata: { a: null } })) as {
    run: { metadata: unknown };
  };
  assert.deepEqual(withNullInside.run.metadata, { a: null });
});

Deno.test("unknown fields are rejected everywhere, nested too", () => {
  assert.deepEqual(rejectedErrors({ ...event("run", {}), source: "api" }), [
    { field: "source", reason: "is not a known field" },
  ]);
  assert.deepEqual(
    rejectedErrors(event("run", { tool_calls: [{ name: "a", ok: true, took_ms: 3 }] })),
    [{ field: "run.tool_calls[0].took_ms", reason: "is not a known field" }],
  );
  assert.deepEqual(
    rejectedErrors(event("outcome", { metric_key: "csat", value: 1, account: "a", user_id: "u" })),
    [{ field: "outcome.user_id", reason: "is not a known field" }],
  );
});

Deno.test("every problem of one event is reported at once", () => {
  const errors = rejectedErrors({
    type: "run",
    idempotency_key: "",
    occurred_at: "yesterday",
    run: { tokens_in: -1, status: "error", model: 7, tool_calls: [{ ok: "yes" }] },
  });
  assert.deepEqual(errors, [
    { field: "idempotency_key", reason: "must not be empty" },
    {
      field: "occurred_at",
      reason: "must be an ISO 8601 timestamp with a timezone, like 2026-01-31T09:30:00Z",
    },
    { field: "run.model", reason: "must be a string" },
    { field: "run.tokens_in", reason: "must be at least 0" },
    { field: "run.tool_calls[0].name", reason: "is required" },
    { field: "run.tool_calls[0].ok", reason: "must be true or false" },
    { field: "run.error_type", reason: 'is required when status is "error"' },
    { field: "run.error_message", reason: 'is required when status is "error"' },
  ]);
});

Deno.test("length limits", () => {
  const long = (n: number) => "x".repeat(n);
  assert.deepEqual(rejectedErrors({ ...event("run", {}), idempotency_key: long(201) }), [
    { field: "idempotency_key", reason: "must be at most 200 characters" },
  ]);
  valid({ ...event("run", {}), idempotency_key: long(200) });
  assert.deepEqual(rejectedErrors(event("run", { conversation_id: long(257) })), [
    { field: "run.conversation_id", reason: "must be at most 256 characters" },
  ]);
  assert.deepEqual(rejectedErrors(event("run", { question: long(100_001) })), [
    { field: "run.question", reason: "must be at most 100000 characters" },
  ]);
  const calls = Array.from({ length: 201 }, () => ({ name: "t", ok: true }));
  assert.deepEqual(rejectedErrors(event("run", { tool_calls: calls })), [
    { field: "run.tool_calls", reason: "must have at most 200 items" },
  ]);
  assert.deepEqual(rejectedErrors(event("run", { latency_ms: 7 * 24 * 3600 * 1000 + 1 })), [
    { field: "run.latency_ms", reason: "must be at most 604800000" },
  ]);
});

Deno.test("metadata is at most 16 KB as JSON", () => {
  valid(event("run", { metadata: { blob: "x".repeat(16_384 - 11) } })); // {"blob":"…"} = 16384 bytes
  assert.deepEqual(rejectedErrors(event("run", { metadata: { blob: "é".repeat(9000) } })), [
    { field: "run.metadata", reason: "must be at most 16384 bytes as JSON (it is 18011)" },
  ]);
});

Deno.test("status rules: timeout and cancelled may carry an error, ok may not", () => {
  valid(event("run", { status: "cancelled" }));
  valid(event("run", { status: "timeout", error_type: "deadline" }));
  valid(event("run", { status: "error", error_type: "rate_limit", error_message: "429" }));
  assert.deepEqual(rejectedErrors(event("run", { status: "ok", error_message: "x" })), [
    { field: "run.error_message", reason: 'must be left out when status is "ok"' },
  ]);
  valid(event("run", { latency_ms: 500, time_to_first_token_ms: 500 }));
});

Deno.test("taxonomy and metric keys follow the database's patterns", () => {
  for (const key of ["A", "BookAppointment", "book_appointment", "a.b-c_9", "x".repeat(64)]) {
    valid(event("run", { capability: key, action: key, intent: key }));
  }
  for (const key of ["", "9lives", "_x", "has space", "x".repeat(65), "é"]) {
    assert.equal(rejectedErrors(event("run", { intent: key }))[0]?.field, "run.intent", key);
  }
  for (const key of ["ab", "conversion", "order_value_2", "a".repeat(63)]) {
    valid(event("outcome", { metric_key: key, value: 1, account: "a" }));
  }
  for (const key of ["a", "Conversion", "order-value", "2x", "a".repeat(64)]) {
    assert.equal(
      rejectedErrors(event("outcome", { metric_key: key, value: 1, account: "a" }))[0]?.field,
      "outcome.metric_key",
      key,
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Time window

Deno.test("occurred_at: up to 5 minutes ahead and exactly 2 years back are accepted", () => {
  const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
  valid({ ...event("run", {}), occurred_at: at(5 * 60_000) });
  assert.deepEqual(rejectedErrors({ ...event("run", {}), occurred_at: at(5 * 60_000 + 1) }), [
    { field: "occurred_at", reason: "occurred_at is 5 minutes in the future" },
  ]);
  valid({ ...event("run", {}), occurred_at: "2024-06-01T12:00:00Z" });
  valid({ ...event("run", {}), occurred_at: "2024-06-01T14:00:00+02:00" });
  assert.deepEqual(
    rejectedErrors({ ...event("run", {}), occurred_at: "2024-06-01T11:59:59.999Z" }),
    [
      { field: "occurred_at", reason: "occurred_at is older than 2 years" },
    ],
  );
  // The offset counts: 12:10+02:00 is 10:10Z (in the past), 12:10-02:00 is 14:10Z (ahead).
  valid({ ...event("run", {}), occurred_at: "2026-06-01T12:10:00+02:00" });
  assert.deepEqual(
    rejectedErrors({ ...event("run", {}), occurred_at: "2026-06-01T12:10:00-02:00" }),
    [
      { field: "occurred_at", reason: "occurred_at is 2 hours in the future" },
    ],
  );
});

Deno.test("occurred_at is checked against the clock it is given", () => {
  const raw = { ...event("run", {}), occurred_at: "2030-01-01T00:00:00Z" };
  assert.equal(validateEvent(raw, NOW).status, "rejected");
  assert.equal(validateEvent(raw, new Date("2029-12-31T23:58:00Z")).status, "valid");
});

Deno.test("humanDuration rounds down to the largest unit", () => {
  assert.equal(humanDuration(59_999), "59 seconds");
  assert.equal(humanDuration(60_000), "1 minute");
  assert.equal(humanDuration(6 * 60_000 + 59_000), "6 minutes");
  assert.equal(humanDuration(3_600_000), "1 hour");
  assert.equal(humanDuration(47 * 3_600_000), "1 day");
  assert.equal(humanDuration(3 * 86_400_000), "3 days");
  assert.equal(humanDuration(364 * 86_400_000), "364 days");
  assert.equal(humanDuration(2 * 365 * 86_400_000), "2 years");
});

// ---------------------------------------------------------------------------------------------
// Batches

Deno.test("a bad event never sinks the others; keys are echoed when valid", () => {
  const batch = validateBatch(
    {
      events: [
        event("run", {}, { idempotency_key: "a" }),
        event("run", { tokens_in: -1 }, { idempotency_key: "b" }),
        event("run", {}, { idempotency_key: "" }),
        null,
        event("feedback", { run_id: RUN_ID, thumbs: "up" }, { idempotency_key: "e" }),
      ],
    },
    NOW,
  );
  assert.ok(batch.ok);
  const summary = batch.results.map((r: EventResult) => [r.index, r.status, r.idempotency_key]);
  assert.deepEqual(summary, [
    [0, "valid", "a"],
    [1, "rejected", "b"],
    [2, "rejected", undefined],
    [3, "rejected", undefined],
    [4, "valid", "e"],
  ]);
  assert.ok(!("idempotency_key" in batch.results[2]!));
});

Deno.test("whole-batch errors: shape is 422, too many events is 413 with the limit", () => {
  const shape = (body: unknown) => {
    const result = validateBatch(body, NOW);
    assert.ok(!result.ok, JSON.stringify(body));
    return result.error;
  };
  for (const body of [null, [], "events", 3]) {
    const error = shape(body);
    assert.equal(error.status, 422);
    assert.equal(error.code, "validation_failed");
  }
  assert.deepEqual(shape({}).details, [{ path: "events", message: "is required" }]);
  assert.deepEqual(shape({ events: {} }).details, [{
    path: "events",
    message: "must be an array",
  }]);
  assert.deepEqual(shape({ events: [], batch_id: 1 }).details, [
    { path: "batch_id", message: "is not a known field" },
  ]);

  const tooMany = shape({ events: Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => ({})) });
  assert.equal(tooMany.status, 413);
  assert.equal(tooMany.code, "batch_too_large");
  assert.equal(
    tooMany.message,
    "A batch holds at most 1000 events; this one has 1001. Split it into smaller batches.",
  );

  const full = validateBatch(
    {
      events: Array.from(
        { length: 1000 },
        (_, i) => event("run", {}, { idempotency_key: `k${i}` }),
      ),
    },
    NOW,
  );
  assert.ok(
    full.ok && full.results.length === 1000 && full.results.every((r) => r.status === "valid"),
  );
  const empty = validateBatch({ events: [] }, NOW);
  assert.ok(empty.ok);
  assert.deepEqual(empty.results, []);
});

Deno.test("fieldPath writes array indexes in brackets", () => {
  assert.equal(fieldPath([]), "");
  assert.equal(fieldPath(["run", "tokens_in"]), "run.tokens_in");
  assert.equal(fieldPath(["run", "tool_calls", 2, "ok"]), "run.tool_calls[2].ok");
});

// ---------------------------------------------------------------------------------------------
// Reading the body

Deno.test("readBatchBody: JSON in, 400 for non-JSON or bad UTF-8", async () => {
  const read = (body: BodyInit) =>
    readBatchBody(new Request("http://localhost/ingest", { method: "POST", body }));
  const ok = await read(JSON.stringify({ events: [] }));
  assert.ok(ok.ok);
  assert.deepEqual(ok.json, { events: [] });
  for (const body of ["{nope", "", new Uint8Array([0x7b, 0xff, 0x7d])]) {
    const bad = await read(body);
    assert.ok(!bad.ok);
    assert.equal(bad.error.status, 400);
    assert.equal(bad.error.code, "invalid_json");
  }
});

Deno.test("readBatchBody: 413 above 5 MB, from content-length or while streaming", async () => {
  const declared = await readBatchBody(
    new Request("http://localhost/ingest", {
      method: "POST",
      body: "{}",
      headers: { "content-length": String(MAX_BATCH_BYTES + 1) },
    }),
  );
  assert.ok(!declared.ok);
  assert.equal(declared.error.status, 413);
  assert.equal(
    declared.error.message,
    "A batch is at most 5 MB (5242880 bytes); this one has 5242881 bytes. Split it into smaller batches.",
  );

  let pulled = 0;
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(chunk);
    },
  });
  const streamed = await readBatchBody(
    new Request("http://localhost/ingest", { method: "POST", body: endless }),
  );
  assert.ok(!streamed.ok);
  assert.equal(streamed.error.code, "batch_too_large");
  assert.ok(pulled <= 8, `stopped reading after ${pulled} MB`);

  const exactly = `{"events":[]}${" ".repeat(MAX_BATCH_BYTES - 13)}`;
  const atLimit = await readBatchBody(
    new Request("http://localhost/ingest", { method: "POST", body: exactly }),
  );
  assert.ok(atLimit.ok);
});

// ---------------------------------------------------------------------------------------------
// The SDK, on Deno, against a server that validates with this contract

Deno.test("the SDK runs on Deno and every event type it sends passes validateBatch", async () => {
  const received: unknown[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await readBatchBody(req);
    if (!body.ok) return Response.json({ error: body.error }, { status: body.error.status });
    const batch = validateBatch(body.json, new Date());
    if (!batch.ok) return Response.json({ error: batch.error }, { status: batch.error.status });
    received.push(...batch.results);
    const response: IngestResponse = {
      results: batch.results.map((r) =>
        r.status === "valid"
          ? {
            index: r.index,
            idempotency_key: r.idempotency_key,
            status: "accepted",
            id: crypto.randomUUID(),
          }
          : {
            index: r.index,
            idempotency_key: r.idempotency_key,
            status: "rejected",
            errors: r.errors,
          }
      ),
    };
    return Response.json(response);
  });
  try {
    const client = new Causeway({
      apiKey: "cw_test_key",
      baseUrl: `http://127.0.0.1:${server.addr.port}/`,
      flushIntervalMs: 60_000,
    });
    const runId = client.trackRun({
      capability: "LeadConversion",
      model: "gpt-4o",
      status: "error",
      error_type: "rate_limit",
      error_message: "429 from provider",
      tool_calls: [{ name: "crm", ok: false }],
      occurred_at: new Date(),
    });
    client.trackRunCompleted({ run_id: runId, duration_ms: 1200 });
    client.trackRunFailed({
      run_external_id: "agent-7",
      error_type: "tool",
      error_message: "down",
    });
    client.trackOutcome({ metric_key: "conversion", value: 1, run_id: runId, source: "api" });
    client.trackFeedback({ run_id: runId, rating: 4, comment: "helpful" });
    const results = await client.shutdown();
    assert.deepEqual(
      results.map((r) => [r.type, r.status]),
      [
        ["run", "accepted"],
        ["run_completed", "accepted"],
        ["run_failed", "accepted"],
        ["outcome", "accepted"],
        ["feedback", "accepted"],
      ],
    );
    assert.equal(results[0]!.idempotency_key, runId);
    assert.equal(received.length, 5);
  } finally {
    await server.shutdown();
  }
});
