import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { validateBatch } from "../../supabase/functions/_shared/ingest-events.ts";
import {
  backoffDelay,
  Causeway,
  CausewayApiError,
  type CausewayError,
  type CausewayOptions,
  type DeliveryResult,
  parseRetryAfter,
} from "./index.ts";
import {
  API_KEY,
  type FakeIngestServer,
  startFakeIngestServer,
} from "./testing/fake-ingest-server.ts";

let server: FakeIngestServer;
let clients: Causeway[] = [];
let errors: CausewayError[] = [];

beforeEach(async () => {
  server = await startFakeIngestServer();
  errors = [];
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const client of clients) await client.shutdown();
  clients = [];
  await server.close();
});

/** A client against the fake server: no timer flushes unless asked, tiny backoff. */
function client(options: Partial<CausewayOptions> = {}): Causeway {
  const created = new Causeway({
    apiKey: API_KEY,
    baseUrl: server.url,
    flushIntervalMs: 3_600_000,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    onError: (error) => errors.push(error),
    ...options,
  });
  clients.push(created);
  return created;
}

let outcomeCounter = 0;
function trackOutcomes(cw: Causeway, n: number): string[] {
  return Array.from({ length: n }, () =>
    cw.trackOutcome({ metric_key: "conversion", value: 1, account: `acct-${outcomeCounter++}` }),
  );
}

/** The server stored each of `keys` exactly once, and nothing else. */
function expectStoredExactlyOnce(keys: string[]) {
  expect(new Set(keys).size).toBe(keys.length);
  expect([...server.stored.keys()].sort()).toEqual([...keys].sort());
}

function statuses(results: DeliveryResult[]) {
  return results.map((result) => result.status);
}

describe("tracking", () => {
  it("sends one event of each type in the contract's format, and returns their keys", async () => {
    const cw = client();
    const at = new Date("2026-01-31T09:30:00.000Z");
    vi.setSystemTime(new Date("2026-02-01T00:00:00Z"));
    const runKey = cw.trackRun({ model: "gpt-4o", latency_ms: 900, occurred_at: at });
    const keys = [
      runKey,
      cw.trackRunCompleted({ run_id: runKey, duration_ms: 1000 }),
      cw.trackRunFailed({
        run_external_id: "agent-1",
        error_type: "tool",
        error_message: "CRM down",
      }),
      cw.trackOutcome({ metric_key: "order_value", value: 129.9, run_id: runKey }),
      cw.trackFeedback({ run_id: runKey, thumbs: "up", idempotency_key: "my-own-key" }),
    ];
    const results = await cw.flush();
    vi.useRealTimers();
    expect(statuses(results)).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted"]);
    expect(results.map((r) => r.idempotency_key)).toEqual(keys);
    expect(keys[4]).toBe("my-own-key");
    expectStoredExactlyOnce(keys);

    const run = server.stored.get(runKey)!.event;
    expect(run).toEqual({
      type: "run",
      idempotency_key: runKey,
      occurred_at: "2026-01-31T09:30:00.000Z",
      run: { id: runKey, model: "gpt-4o", latency_ms: 900, status: "ok" },
    });
    expect(server.stored.get(keys[1]!)!.event.occurred_at).toBe("2026-02-01T00:00:00.000Z");
    expect(server.requests[0]!.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("trackRun: the key is the run's id unless given; an external_id alone gets no id", async () => {
    const cw = client();
    const id = "5c0e1c43-62d4-4f0e-8d6e-3b0b5b9a7c11";
    expect(cw.trackRun({ id })).toBe(id);
    expect(cw.trackRun({ id: crypto.randomUUID(), idempotency_key: "k-run" })).toBe("k-run");
    const external = cw.trackRun({ external_id: "ls-1" });
    expect(external).toMatch(/^[0-9a-f-]{36}$/);
    const results = await cw.flush();
    expect(statuses(results)).toEqual(["accepted", "accepted", "accepted"]);
    expect(results[0]).toMatchObject({ status: "accepted", id });
    expect(server.stored.get(external)!.event.run).toEqual({ external_id: "ls-1", status: "ok" });
  });

  it("a caller mutating its input after tracking does not change the queued event", async () => {
    const cw = client();
    const metadata: Record<string, unknown> = { step: 1 };
    const key = cw.trackOutcome({ metric_key: "csat", value: 4, account: "a", metadata });
    metadata.step = 2;
    await cw.flush();
    expect(server.stored.get(key)!.event.outcome).toMatchObject({ metadata: { step: 1 } });
  });

  it("rejects maxBatchSize outside 1..1000", () => {
    expect(() => new Causeway({ apiKey: "k", baseUrl: server.url, maxBatchSize: 1001 })).toThrow(
      RangeError,
    );
    expect(() => new Causeway({ apiKey: "k", baseUrl: server.url, maxBatchSize: 0 })).toThrow(
      RangeError,
    );
    expect(() => new Causeway({ apiKey: "", baseUrl: server.url })).toThrow(TypeError);
  });

  it("accepts a baseUrl with or without /functions/v1 and a trailing slash", async () => {
    for (const baseUrl of [
      `${server.url}/`,
      `${server.url}/functions/v1`,
      `${server.url}/functions/v1/`,
    ]) {
      const cw = client({ baseUrl });
      trackOutcomes(cw, 1);
      expect(statuses(await cw.flush())).toEqual(["accepted"]);
    }
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill("/functions/v1/ingest"));
  });
});

describe("batching", () => {
  it("flushes as soon as maxBatchSize events are queued, the rest on flush()", async () => {
    const cw = client({ maxBatchSize: 3 }); // and a flush interval of an hour
    const keys = trackOutcomes(cw, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(0);
    keys.push(...trackOutcomes(cw, 1));
    await vi.waitFor(() => expect(server.stored.size).toBe(3), { timeout: 5000 });
    expect(cw.queued).toBe(0);
    keys.push(...trackOutcomes(cw, 2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    expect(cw.queued).toBe(2);
    await cw.flush();
    expect(server.requests.map((r) => r.keys.length)).toEqual([3, 2]);
    expect(server.requests.flatMap((r) => r.keys)).toEqual(keys);
    expectStoredExactlyOnce(keys);
  });

  it("never sends more than 5 MB in one request", async () => {
    const cw = client({ maxBatchSize: 1000 });
    const big = "x".repeat(100_000);
    const keys = Array.from({ length: 60 }, () => cw.trackRun({ question: big, response: big }));
    const results = await cw.flush();
    expect(results.every((r) => r.status === "accepted")).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    for (const request of server.requests)
      expect(request.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expectStoredExactlyOnce(keys);
  });

  it("an event that alone exceeds a batch is dropped locally and reported", async () => {
    const cw = client();
    const key = cw.trackRun({ metadata: { blob: "x".repeat(5 * 1024 * 1024) } });
    expect(cw.queued).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.kind).toBe("dropped");
    expect(errors[0]!.results[0]).toMatchObject({
      idempotency_key: key,
      status: "failed",
      requeued: false,
      error: { code: "event_too_large" },
    });
  });

  it("a full queue drops new events and reports them", () => {
    const cw = client({ maxQueueSize: 2 });
    trackOutcomes(cw, 3);
    expect(cw.queued).toBe(2);
    expect(errors.map((e) => e.kind)).toEqual(["dropped"]);
    expect(errors[0]!.results[0]).toMatchObject({ error: { code: "queue_full" } });
  });

  it("events tracked while a flush is in flight are neither lost nor sent twice", async () => {
    const cw = client({ maxBatchSize: 2 });
    server.plan = [{ delayMs: 30 }, { delayMs: 30 }];
    const keys = trackOutcomes(cw, 2); // starts a flush
    const during = trackOutcomes(cw, 3); // two flush at once, one waits
    const more = await Promise.all([cw.flush(), cw.flush()]);
    keys.push(...during, ...trackOutcomes(cw, 1));
    await cw.flush();
    expect(more.flat().length).toBeLessThanOrEqual(5);
    expectStoredExactlyOnce(keys);
    expect([...server.deliveries.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("retries", () => {
  it("retries 5xx with the same keys: nothing lost, nothing stored twice", async () => {
    const cw = client();
    server.plan = [{ status: 500 }, { status: 503 }];
    const keys = trackOutcomes(cw, 5);
    const results = await cw.flush();
    expect(statuses(results)).toEqual(Array(5).fill("accepted"));
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) expect(request.keys).toEqual(keys);
    expectStoredExactlyOnce(keys);
    expect(errors).toEqual([]);
  });

  it("retries a connection dropped before the server read the batch", async () => {
    const cw = client();
    server.plan = ["drop-before"];
    const keys = trackOutcomes(cw, 3);
    const results = await cw.flush();
    expect(statuses(results)).toEqual(Array(3).fill("accepted"));
    expect(server.requests).toHaveLength(2);
    expectStoredExactlyOnce(keys);
  });

  it("a connection dropped after the server stored the batch: the retry gets duplicate, same ids", async () => {
    const cw = client();
    server.plan = ["drop-after"];
    const keys = trackOutcomes(cw, 4);
    const results = await cw.flush();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.keys).toEqual(server.requests[0]!.keys);
    expect(statuses(results)).toEqual(Array(4).fill("duplicate"));
    results.forEach((result, i) => {
      expect(result).toMatchObject({
        idempotency_key: keys[i],
        id: server.stored.get(keys[i]!)!.id,
      });
    });
    expectStoredExactlyOnce(keys);
  });

  it("retries 429 and 408 too", async () => {
    const cw = client();
    server.plan = [{ status: 429, headers: { "retry-after": "0" } }, { status: 408 }];
    const keys = trackOutcomes(cw, 2);
    expect(statuses(await cw.flush())).toEqual(["accepted", "accepted"]);
    expect(server.requests).toHaveLength(3);
    expectStoredExactlyOnce(keys);
  });

  it("does not retry other 4xx: the events are reported through onError and dropped", async () => {
    const cw = client({ apiKey: "cw_wrong" });
    const keys = trackOutcomes(cw, 2);
    const results = await cw.flush();
    expect(server.requests).toHaveLength(1);
    expect(results).toEqual(
      keys.map((key) => ({
        idempotency_key: key,
        type: "outcome",
        status: "failed",
        requeued: false,
        error: { code: "invalid_api_key", message: "The API key is not valid.", http_status: 401 },
      })),
    );
    expect(errors.map((e) => e.kind)).toEqual(["request_failed"]);
    expect(errors[0]!.results).toEqual(results);
    expect(cw.queued).toBe(0);
    expect(server.stored.size).toBe(0);
  });

  it("events the server rejects are reported; the rest of the batch is accepted", async () => {
    const cw = client();
    const good = cw.trackOutcome({ metric_key: "conversion", value: 1, account: "a" });
    const bad = cw.trackOutcome({ metric_key: "Conversion Rate", value: 1, account: "a" });
    const late = cw.trackOutcome({
      metric_key: "csat",
      value: 5,
      account: "a",
      occurred_at: new Date(Date.now() + 3 * 86_400_000 + 60_000),
    });
    const results = await cw.flush();
    expect(statuses(results)).toEqual(["accepted", "rejected", "rejected"]);
    expect(results[1]).toEqual({
      idempotency_key: bad,
      type: "outcome",
      status: "rejected",
      errors: [
        {
          field: "outcome.metric_key",
          reason:
            "must be 2 to 63 lowercase letters, digits or '_', starting with a letter (a metric key, not its name)",
        },
      ],
    });
    expect(results[2]).toMatchObject({
      idempotency_key: late,
      errors: [{ field: "occurred_at", reason: "occurred_at is 3 days in the future" }],
    });
    expect(errors.map((e) => e.kind)).toEqual(["rejected"]);
    expect(errors[0]!.results.map((r) => r.idempotency_key)).toEqual([bad, late]);
    expectStoredExactlyOnce([good]);
    expect(server.requests).toHaveLength(1);
  });

  it("a 413 splits the batch in halves", async () => {
    const cw = client();
    server.plan = [{ status: 413 }];
    const keys = trackOutcomes(cw, 5);
    expect(statuses(await cw.flush())).toEqual(Array(5).fill("accepted"));
    expect(server.requests.map((r) => r.keys.length)).toEqual([5, 3, 2]);
    expectStoredExactlyOnce(keys);
  });

  it("after maxRetries the events stay queued and the next flush sends them, same keys", async () => {
    const cw = client({ maxRetries: 2 });
    server.plan = [{ status: 500 }, { status: 502 }, { status: 503 }];
    const keys = trackOutcomes(cw, 3);
    const first = await cw.flush();
    expect(first.map((r) => [r.status, r.status === "failed" && r.requeued])).toEqual(
      Array(3).fill(["failed", true]),
    );
    expect(errors.map((e) => e.kind)).toEqual(["retries_exhausted"]);
    expect(cw.queued).toBe(3);
    expect(server.stored.size).toBe(0);

    const second = await cw.flush();
    expect(statuses(second)).toEqual(Array(3).fill("accepted"));
    expect(second.map((r) => r.idempotency_key)).toEqual(keys);
    expect(server.requests).toHaveLength(4);
    expectStoredExactlyOnce(keys);
  });

  it("sending the same key twice stores it once; the same key for other data is rejected", async () => {
    const cw = client();
    const a = cw.trackOutcome({
      metric_key: "csat",
      value: 5,
      account: "a",
      idempotency_key: "dup-1",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    vi.setSystemTime(new Date("2026-01-01T00:01:00Z"));
    const first = await cw.flush();
    cw.trackOutcome({
      metric_key: "csat",
      value: 5,
      account: "a",
      idempotency_key: "dup-1",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    cw.trackOutcome({
      metric_key: "csat",
      value: 1,
      account: "a",
      idempotency_key: "dup-1",
      occurred_at: "2026-01-01T00:00:00Z",
    });
    const second = await cw.flush();
    vi.useRealTimers();
    expect(a).toBe("dup-1");
    expect(statuses(first)).toEqual(["accepted"]);
    expect(second[0]).toMatchObject({ status: "duplicate", id: (first[0] as { id: string }).id });
    expect(second[1]).toMatchObject({
      status: "rejected",
      errors: [{ field: "idempotency_key", reason: "was already used for a different event" }],
    });
    expect(server.stored.size).toBe(1);
  });

  it("chaos: random 5xx, 429, drops before and after storing; every event stored exactly once", async () => {
    const random = mulberry32(42);
    const cw = client({ maxBatchSize: 7, maxRetries: 30 });
    const pick = () => {
      const r = random();
      if (r < 0.15) return { status: 500 };
      if (r < 0.25) return { status: 429, headers: { "retry-after": "0" } };
      if (r < 0.35) return "drop-before" as const;
      if (r < 0.5) return "drop-after" as const;
      return "ok" as const;
    };
    server.plan = Array.from({ length: 400 }, pick);
    const keys: string[] = [];
    for (let i = 0; i < 150; i++) {
      keys.push(...trackOutcomes(cw, 1 + Math.floor(random() * 3)));
      if (random() < 0.2) await cw.flush();
    }
    const results = [...(await cw.flush())];
    expect(cw.queued).toBe(0);
    expect(results.every((r) => r.status === "accepted" || r.status === "duplicate")).toBe(true);
    expectStoredExactlyOnce(keys);
    expect(Math.max(...server.deliveries.values())).toBeGreaterThan(1); // retries did happen
    expect(errors).toEqual([]);
  });
});

describe("timing (fake timers, fake fetch)", () => {
  /** A fetch that answers like the ingest function, after the planned responses. */
  function fakeFetch(planned: Response[] = []) {
    const calls: { at: number; keys: string[] }[] = [];
    const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { events: { idempotency_key: string }[] };
      calls.push({ at: Date.now(), keys: body.events.map((e) => e.idempotency_key) });
      const next = planned.shift();
      if (next) return next;
      const batch = validateBatch(body, new Date());
      if (!batch.ok) throw new Error("invalid batch");
      return Response.json({
        results: batch.results.map((r) =>
          r.status === "valid"
            ? {
                index: r.index,
                idempotency_key: r.idempotency_key,
                status: "accepted",
                id: crypto.randomUUID(),
              }
            : { index: r.index, status: "rejected", errors: r.errors },
        ),
      });
    });
    return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-06-01T12:00:00Z") });
  });

  it("flushes flushIntervalMs after the first queued event", async () => {
    const { fetch, calls } = fakeFetch();
    const cw = client({ fetch, flushIntervalMs: 1000 });
    trackOutcomes(cw, 1);
    await vi.advanceTimersByTimeAsync(500);
    trackOutcomes(cw, 1); // does not restart the clock
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.keys).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1); // idle: no timer, no request
    expect(vi.getTimerCount()).toBe(0);
  });

  it("honours Retry-After on a 429 (seconds and HTTP date)", async () => {
    const { fetch, calls } = fakeFetch([
      new Response("{}", { status: 429, headers: { "retry-after": "2" } }),
      new Response("{}", {
        status: 503,
        headers: { "retry-after": new Date(Date.now() + 2000 + 5000).toUTCString() },
      }),
    ]);
    const cw = client({ fetch, retryBaseDelayMs: 10, retryMaxDelayMs: 100 });
    const keys = trackOutcomes(cw, 2);
    const done = cw.flush();
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    expect(statuses(await done)).toEqual(["accepted", "accepted"]);
    expect(calls.map((c) => c.keys)).toEqual([keys, keys, keys]);
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 2000, 7000]);
  });

  it("backs off exponentially with jitter between retries", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1); // the top of the jitter range
    const { fetch, calls } = fakeFetch([
      new Response("{}", { status: 500 }),
      new Response("{}", { status: 500 }),
      new Response("{}", { status: 500 }),
      new Response("{}", { status: 500 }),
    ]);
    const cw = client({ fetch, retryBaseDelayMs: 100, retryMaxDelayMs: 500 });
    trackOutcomes(cw, 1);
    const done = cw.flush();
    await vi.advanceTimersByTimeAsync(5000);
    await done;
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 100, 300, 700, 1200]);
  });

  it("shutdown flushes what is queued and leaves no timer behind", async () => {
    const { fetch, calls } = fakeFetch();
    const cw = client({ fetch, flushIntervalMs: 60_000 });
    const keys = trackOutcomes(cw, 3);
    expect(vi.getTimerCount()).toBe(1);
    const results = await cw.shutdown();
    expect(results.map((r) => r.idempotency_key)).toEqual(keys);
    expect(statuses(results)).toEqual(Array(3).fill("accepted"));
    expect(vi.getTimerCount()).toBe(0);
    // After shutdown, events are sent at once rather than on a timer.
    const late = trackOutcomes(cw, 1);
    expect(vi.getTimerCount()).toBe(0);
    await cw.flush();
    expect(calls.map((c) => c.keys)).toEqual([keys, late]);
  });
});

describe("resolve", () => {
  it("posts the scope and returns the live prompt, model and config", async () => {
    const cw = client();
    const answer = {
      prompt: "You are Acme's assistant.",
      provider: "openai",
      model: "gpt-4o",
      config: { temperature: 0.2 },
      experiment_id: "5c0e1c43-62d4-4f0e-8d6e-3b0b5b9a7c11",
      variant_id: "6d1f2d54-73e5-4a1f-9e7f-4c1c6cab8d22",
      version_id: "7e2a3e65-84f6-4b2a-8f80-5d2d7dbc9e33",
    };
    server.resolveResponses.push({ status: 200, body: answer });
    const input = { capability: "LeadConversion", intent: "Pricing", unit_id: "user-311" };
    await expect(cw.resolve(input)).resolves.toEqual(answer);
    expect(server.resolveRequests).toEqual([input]);
    expect(server.requests[0]).toMatchObject({
      path: "/functions/v1/resolve",
      authorization: `Bearer ${API_KEY}`,
    });
  });

  it("turns { error: { code, message } } into a CausewayApiError, without retrying 4xx", async () => {
    const cw = client();
    server.resolveResponses.push({
      status: 404,
      body: {
        error: { code: "no_live_version", message: "Nothing is deployed for capability X." },
      },
    });
    const error = await cw.resolve({ capability: "X", unit_id: "u" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CausewayApiError);
    expect(error).toMatchObject({
      status: 404,
      code: "no_live_version",
      message: "Nothing is deployed for capability X.",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("retries 5xx and network errors, then gives up with the last error", async () => {
    const cw = client();
    server.plan = ["drop-before"];
    server.resolveResponses.push({ status: 500, body: {} }, { status: 200, body: { prompt: "p" } });
    await expect(cw.resolve({ capability: "X", unit_id: "u" })).resolves.toEqual({ prompt: "p" });
    expect(server.requests).toHaveLength(3);

    server.resolveResponses.push(
      { status: 503, body: { error: { code: "unavailable", message: "down" } } },
      { status: 503, body: { error: { code: "unavailable", message: "down" } } },
    );
    await expect(
      cw.resolve({ capability: "X", unit_id: "u" }, { maxRetries: 1 }),
    ).rejects.toMatchObject({
      status: 503,
      code: "unavailable",
    });
  });
});

describe("helpers", () => {
  it("parseRetryAfter reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-06-01T12:00:00Z");
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 3 ", now)).toBe(3000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 01 Jun 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("86400", now)).toBe(600_000); // capped at 10 minutes
  });

  it("backoffDelay doubles up to the cap, jittered between half and all of it", () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, 100, 1000, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect([0, 1, 2].map((n) => backoffDelay(n, 100, 1000, () => 0))).toEqual([50, 100, 200]);
  });
});

/** A small seeded PRNG, so the chaos test is the same every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
