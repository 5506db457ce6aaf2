import { describe, expect, it, vi } from "vitest";

import type { OutcomeRow, OutcomeRowResult } from "@shared/outcome-rows.ts";
import { parseCsv, splitHeader, suggestColumnMapping } from "./csv";
import {
  COMMIT_CHUNK_SIZE,
  CommitError,
  commitInChunks,
  emptyProgress,
  prepareImport,
  rejectedRowsFile,
  type MetricCatalog,
  type ParsedCsv,
} from "./csv-import";

const NOW = new Date("2026-06-01T12:00:00Z");
const METRICS: MetricCatalog = new Map([
  ["csat", { archived: false }],
  ["average_order_value", { archived: false }],
  ["old_metric", { archived: true }],
]);

function parsedFrom(text: string, fileName = "outcomes.csv"): ParsedCsv {
  const { headers, rows } = splitHeader(parseCsv(text));
  return { fileName, headers, rows };
}

const FILE = [
  "Metric,Amount,Date,Conversation ID,Notes",
  "csat,5,2026-05-30,conv-1,fine",
  "csat,five,2026-05-30,conv-2,typo",
  "unknown_metric,3,2026-05-30,conv-3,",
  "old_metric,3,2026-05-30,conv-4,",
  "",
  "average_order_value,129.90,2026-05-31 14:05,conv-5,blank line above",
  'csat,4,2031-01-01,conv-6,"in the future, quoted"',
].join("\n");

describe("the column mapping guess", () => {
  it("maps common header spellings and leaves unknown columns out", () => {
    expect(suggestColumnMapping(["Metric", "Amount", "Date", "Conversation ID", "Notes"])).toEqual({
      metric_key: 0,
      value: 1,
      occurred_at: 2,
      conversation_id: 3,
    });
    expect(
      suggestColumnMapping(["occurred_at", "metric_key", "value", "run_id", "account_id"]),
    ).toEqual({ occurred_at: 0, metric_key: 1, value: 2, run_id: 3, account: 4 });
  });
});

describe("prepareImport", () => {
  it("keeps valid rows and gives every bad row its line number and reason", async () => {
    const parsed = parsedFrom(FILE);
    const prepared = await prepareImport(parsed, suggestColumnMapping(parsed.headers), {
      now: NOW,
      metrics: METRICS,
    });
    expect(prepared.events.map((e) => e.line)).toEqual([2, 7]);
    expect(prepared.events[1]!.event.occurred_at).toBe("2026-05-31T14:05:00Z");
    expect(prepared.rejectedLines).toBe(4);
    expect(prepared.errors).toEqual([
      {
        line: 3,
        field: "value",
        column: "Amount",
        reason: 'must be a number, like 12 or -129.90 (got "five")',
      },
      {
        line: 4,
        field: "metric_key",
        column: "Metric",
        reason:
          'is not a metric of this organization: "unknown_metric" (define it under Taxonomy, Metrics first)',
      },
      {
        line: 5,
        field: "metric_key",
        column: "Metric",
        reason: '"old_metric" is archived; restore it under Taxonomy to record outcomes for it',
      },
      {
        line: 8,
        field: "occurred_at",
        column: "Date",
        reason: "occurred_at is 4 years in the future",
      },
    ]);
  });

  it("reports progress across slices and stops when aborted", async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => `csat,4,2026-05-30,conv-${i}`);
    const parsed = parsedFrom(["metric,value,date,conversation", ...rows].join("\n"));
    const progress: number[] = [];
    const prepared = await prepareImport(parsed, suggestColumnMapping(parsed.headers), {
      now: NOW,
      metrics: METRICS,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(prepared.events).toHaveLength(4500);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);

    const controller = new AbortController();
    controller.abort();
    await expect(
      prepareImport(parsed, suggestColumnMapping(parsed.headers), {
        now: NOW,
        metrics: METRICS,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
  });

  it("gives the same idempotency keys when the same file is checked again", async () => {
    const parsed = parsedFrom(FILE);
    const mapping = suggestColumnMapping(parsed.headers);
    const first = await prepareImport(parsed, mapping, { now: NOW, metrics: METRICS });
    const again = await prepareImport(parsed, mapping, { now: NOW, metrics: METRICS });
    expect(again.events.map((e) => e.event.idempotency_key)).toEqual(
      first.events.map((e) => e.event.idempotency_key),
    );
  });
});

describe("commitInChunks", () => {
  async function validEvents(count: number) {
    const rows = Array.from({ length: count }, (_, i) => `csat,4,2026-05-30,conv-${i}`);
    const parsed = parsedFrom(["metric,value,date,conversation", ...rows].join("\n"));
    return (
      await prepareImport(parsed, suggestColumnMapping(parsed.headers), {
        now: NOW,
        metrics: METRICS,
      })
    ).events;
  }

  const acceptAll = (rows: OutcomeRow[]): OutcomeRowResult[] =>
    rows.map((_, index) => ({ index, status: "accepted", id: `id-${index}` }));

  it("sends chunks of at most COMMIT_CHUNK_SIZE rows and tallies the answers by line", async () => {
    const events = await validEvents(COMMIT_CHUNK_SIZE + 5);
    const send = vi.fn(async (rows: OutcomeRow[]): Promise<OutcomeRowResult[]> =>
      rows.map((_, index) =>
        index === 1
          ? { index, status: "rejected", errors: [{ field: "", reason: "must be linked" }] }
          : index === 2
            ? { index, status: "duplicate", id: "old" }
            : { index, status: "accepted", id: `id-${index}` },
      ),
    );
    const seen: number[] = [];
    const done = await commitInChunks(events, send, emptyProgress(events.length), (p) =>
      seen.push(p.done),
    );
    expect(send.mock.calls.map(([rows]) => rows.length)).toEqual([COMMIT_CHUNK_SIZE, 5]);
    expect(send.mock.calls[0]![0][0]).toMatchObject({ metric_key: "csat", value: 4 });
    expect(seen).toEqual([COMMIT_CHUNK_SIZE, COMMIT_CHUNK_SIZE + 5]);
    expect(done.accepted).toBe(COMMIT_CHUNK_SIZE + 5 - 4);
    expect(done.duplicate).toBe(2);
    expect(done.errors).toEqual([
      { line: 3, field: "row", reason: "must be linked" },
      { line: COMMIT_CHUNK_SIZE + 3, field: "row", reason: "must be linked" },
    ]);
  });

  it("stops at a failed chunk with what was stored, and resumes there with the same rows", async () => {
    const events = await validEvents(COMMIT_CHUNK_SIZE * 2 + 1);
    let calls = 0;
    const flaky = vi.fn(async (rows: OutcomeRow[]) => {
      calls++;
      if (calls === 2) throw new Error("Can't reach Causeway's server.");
      return acceptAll(rows);
    });
    const failure = await commitInChunks(
      events,
      flaky,
      emptyProgress(events.length),
      () => {},
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CommitError);
    const stopped = (failure as CommitError).progress;
    expect(stopped).toMatchObject({ done: COMMIT_CHUNK_SIZE, accepted: COMMIT_CHUNK_SIZE });
    expect((failure as CommitError).message).toBe("Can't reach Causeway's server.");

    const resumed = await commitInChunks(events, flaky, stopped, () => {});
    expect(resumed).toMatchObject({ done: events.length, accepted: events.length });
    // The retried chunk is the failed one, key for key.
    expect(flaky.mock.calls[2]![0].map((row) => row.idempotency_key)).toEqual(
      flaky.mock.calls[1]![0].map((row) => row.idempotency_key),
    );
  });
});

describe("rejectedRowsFile", () => {
  it("holds the line, the original columns and every reason of each rejected row", async () => {
    const parsed = parsedFrom(FILE, "May outcomes.csv");
    const prepared = await prepareImport(parsed, suggestColumnMapping(parsed.headers), {
      now: NOW,
      metrics: METRICS,
    });
    const server = [{ line: 2, field: "row", reason: "was refused by the server" }];
    const file = rejectedRowsFile(parsed, [...prepared.errors, ...server]);
    expect(file.name).toBe("May outcomes-rejected.csv");
    // BOM kept: spreadsheet apps need it to read the file as UTF-8.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await file.blob.arrayBuffer(),
    );
    expect(text.split("\r\n")).toEqual([
      "\uFEFFline,Metric,Amount,Date,Conversation ID,Notes,errors",
      "2,csat,5,2026-05-30,conv-1,fine,row: was refused by the server",
      '3,csat,five,2026-05-30,conv-2,typo,"value: must be a number, like 12 or -129.90 (got ""five"")"',
      '4,unknown_metric,3,2026-05-30,conv-3,,"metric_key: is not a metric of this organization: ""unknown_metric"" (define it under Taxonomy, Metrics first)"',
      '5,old_metric,3,2026-05-30,conv-4,,"metric_key: ""old_metric"" is archived; restore it under Taxonomy to record outcomes for it"',
      '8,csat,4,2031-01-01,conv-6,"in the future, quoted",occurred_at: occurred_at is 4 years in the future',
      "",
    ]);
  });
});
