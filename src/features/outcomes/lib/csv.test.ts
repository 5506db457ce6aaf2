import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validateEvent } from "../../../../supabase/functions/_shared/ingest-events";
import {
  CsvParser,
  type CsvRecord,
  csvIdempotencyKey,
  formatCsvRow,
  mappingProblems,
  normalizeCsvTimestamp,
  type OutcomeColumnMapping,
  parseCsv,
  parseCsvNumber,
  parseCsvStream,
  rejectedRowsCsv,
  sha256Hex,
  splitHeader,
  suggestColumnMapping,
  toOutcomeEvents,
} from "./csv";

const fields = (records: CsvRecord[]) => records.map((r) => r.fields);

describe("parseCsv (RFC 4180)", () => {
  it("splits fields and records, with the line each record starts on", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
  });

  it("quoted fields: delimiters, escaped quotes and line breaks inside them", () => {
    const text = 'name,note\n"Smith, Jane","She said ""hi"""\n"multi\nline\r\nnote",x\nlast,"" \n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["name", "note"] },
      { line: 2, fields: ["Smith, Jane", 'She said "hi"'] },
      { line: 3, fields: ["multi\nline\r\nnote", "x"] },
      // The stray space is kept (nothing is dropped), and the record is an error.
      { line: 6, fields: ["last", " "], error: "Line 6: text after the closing quote of a field." },
    ]);
  });

  it("empty fields and empty quoted fields", () => {
    expect(fields(parseCsv(',a,,""\n'))).toEqual([["", "a", "", ""]]);
    expect(fields(parseCsv("a,\n"))).toEqual([["a", ""]]);
  });

  it("CRLF, LF and lone CR line breaks; a BOM at the start is dropped", () => {
    const expected = [
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ];
    expect(parseCsv("\uFEFFh1,h2\r\n1,2\r\n3,4\r\n")).toEqual(expected);
    expect(parseCsv("h1,h2\r1,2\r3,4")).toEqual(expected);
    expect(parseCsv("h1,h2\n1,2\r\n3,4\r")).toEqual(expected);
    // A BOM anywhere else is data.
    expect(fields(parseCsv("a,\uFEFFb"))).toEqual([["a", "\uFEFFb"]]);
  });

  it("skips blank lines (and all-empty rows) but keeps counting lines", () => {
    const text = "h1,h2\n\n1,2\r\n\r\n,\n  \n3,4\n\n";
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 3, fields: ["1", "2"] },
      { line: 6, fields: ["  "] },
      { line: 7, fields: ["3", "4"] },
    ]);
  });

  it("a quote inside an unquoted field is kept as it is", () => {
    expect(fields(parseCsv("5'11\",tall\n"))).toEqual([["5'11\"", "tall"]]);
  });

  it("an unclosed quote is an error on the record it opens, naming the line", () => {
    const records = parseCsv('a,b\n1,"open\n2,3\n');
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      {
        line: 2,
        fields: ["1", "open\n2,3\n"],
        error: "A quoted field opened on line 2 is never closed.",
      },
    ]);
  });

  it("text after a closing quote is an error for that record only", () => {
    const records = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(records[1]).toEqual({
      line: 2,
      fields: ["xy", "2"],
      error: "Line 2: text after the closing quote of a field.",
    });
    expect(records[2]).toEqual({ line: 3, fields: ["3", "4"] });
  });

  it("another delimiter", () => {
    expect(fields(parseCsv('a;"b;c";d\n', { delimiter: ";" }))).toEqual([["a", "b;c", "d"]]);
    expect(fields(parseCsv("a\tb\n", { delimiter: "\t" }))).toEqual([["a", "b"]]);
    expect(() => new CsvParser({ delimiter: '"' })).toThrow(TypeError);
    expect(() => new CsvParser({ delimiter: ",," })).toThrow(TypeError);
  });

  it("gives the same records however the input is cut into chunks", () => {
    const text =
      '\uFEFFmetric,value,note\r\n"conversion",1,"a ""quoted"", multi\r\nline"\r\n\r\n' +
      'csat,4,plain\rcsat,5,"x"\n"unclosed,1,2\r\n';
    const whole = parseCsv(text);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new CsvParser();
      const parts = [
        ...parser.push(text.slice(0, cut)),
        ...parser.push(text.slice(cut)),
        ...parser.end(),
      ];
      expect(parts, `cut at ${cut}`).toEqual(whole);
    }
    const parser = new CsvParser();
    const oneByOne = [...[...text].flatMap((char) => parser.push(char)), ...parser.end()];
    expect(oneByOne).toEqual(whole);
  });
});

describe("parseCsvStream", () => {
  function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
    let offset = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunkSize));
        offset += chunkSize;
      },
    });
  }

  it("decodes UTF-8 split across chunks, reports progress, hands over records as they come", async () => {
    const text = "\uFEFFaccount,value\r\n" + "Zürich — café 🎉,1\r\n".repeat(50);
    const bytes = new TextEncoder().encode(text);
    const batches: CsvRecord[][] = [];
    const progress: number[] = [];
    const totals = await parseCsvStream(streamOf(bytes, 7), (records) => batches.push(records), {
      onProgress: (n) => progress.push(n),
    });
    const records = batches.flat();
    expect(totals).toEqual({ records: 51, bytes: bytes.length });
    expect(records).toEqual(parseCsv(text));
    expect(records[1]).toEqual({ line: 2, fields: ["Zürich — café 🎉", "1"] });
    expect(batches.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const stream = streamOf(new TextEncoder().encode("a,b\n"), 2);
    await expect(parseCsvStream(stream, () => {}, { signal: controller.signal })).rejects.toThrow();
  });
});

describe("suggestColumnMapping", () => {
  it("maps common headers, whatever their case and punctuation", () => {
    expect(
      suggestColumnMapping([
        "Metric",
        "Value",
        "Timestamp",
        "Run ID",
        "Session",
        "User-ID",
        "Account",
        "Notes",
      ]),
    ).toEqual({
      metric_key: 0,
      value: 1,
      occurred_at: 2,
      run_id: 3,
      conversation_id: 4,
      end_user_id: 5,
      account: 6,
    });
    expect(
      suggestColumnMapping(["metric_key", "metric_value", "occurred_at", "conversation_id"]),
    ).toEqual({
      metric_key: 0,
      value: 1,
      occurred_at: 2,
      conversation_id: 3,
    });
  });

  it("prefers the best synonym and uses each column once", () => {
    // "date" and "occurred_at" both fit; occurred_at is the better match.
    expect(suggestColumnMapping(["date", "occurred_at", "amount"])).toMatchObject({
      occurred_at: 1,
      value: 2,
    });
    expect(suggestColumnMapping(["Company ID", "Customer", "external_id"])).toEqual({
      account: 0,
      run_external_id: 2,
    });
  });

  it("leaves out what it cannot place", () => {
    expect(suggestColumnMapping(["foo", "bar"])).toEqual({});
    expect(suggestColumnMapping([])).toEqual({});
  });
});

describe("toOutcomeEvents", () => {
  const NOW = new Date("2026-06-01T12:00:00Z");
  const csv = [
    "metric,value,date,conversation,account",
    "conversion,1,2026-05-30T10:00:00Z,conv-1,acme",
    "order_value, 129.90 ,2026-05-30 10:05,conv-1,",
    "csat,4,2026-05-31,,acme",
    "conversion,$12,2026-05-30T10:00:00Z,conv-2,acme",
    "conversion,1,yesterday,conv-3,acme",
    "Conversion Rate,1,2026-05-30T10:00:00Z,conv-4,acme",
    "conversion,1,2026-05-30T10:00:00Z,,",
    "conversion,1,2026-06-05T10:00:00Z,conv-5,acme",
    "conversion,1,2026-05-30T10:00:00Z,conv-6",
    'conversion,"1"x,2026-05-30T10:00:00Z,conv-7,acme',
    "conversion,,2026-05-30T10:00:00Z,conv-8,acme",
  ].join("\r\n");
  const { headers, rows } = splitHeader(parseCsv(csv));
  const mapping = suggestColumnMapping(headers);
  const options = { source: "csv" as const, now: NOW, fileName: "deals-may.csv", headers };

  it("valid rows become outcome events the ingest contract accepts", () => {
    const { events } = toOutcomeEvents(rows, mapping, options);
    expect(events.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(events.map((e) => e.event.outcome)).toEqual([
      {
        metric_key: "conversion",
        value: 1,
        source: "csv",
        conversation_id: "conv-1",
        account: "acme",
      },
      { metric_key: "order_value", value: 129.9, source: "csv", conversation_id: "conv-1" },
      { metric_key: "csat", value: 4, source: "csv", account: "acme" },
    ]);
    expect(events.map((e) => e.event.occurred_at)).toEqual([
      "2026-05-30T10:00:00Z",
      "2026-05-30T10:05:00Z",
      "2026-05-31T00:00:00Z",
    ]);
    for (const { event } of events) {
      expect(event.type).toBe("outcome");
      expect(validateEvent(event, NOW).status).toBe("valid");
      expect(event.idempotency_key).toMatch(/^csv:deals-may\.csv:\d+:[0-9a-f]{32}$/);
    }
  });

  it("every other row is an error with its line, field, column and reason", () => {
    const { errors } = toOutcomeEvents(rows, mapping, options);
    expect(errors).toEqual([
      {
        line: 5,
        field: "value",
        column: "value",
        reason: 'must be a number, like 12 or -129.90 (got "$12")',
      },
      {
        line: 6,
        field: "occurred_at",
        column: "date",
        reason: "must be an ISO 8601 timestamp with a timezone, like 2026-01-31T09:30:00Z",
      },
      {
        line: 7,
        field: "metric_key",
        column: "metric",
        reason:
          "must be 2 to 63 lowercase letters, digits or '_', starting with a letter (a metric key, not its name)",
      },
      {
        line: 8,
        field: "row",
        reason:
          "must be linked to a run_id, run_external_id, conversation_id, end_user_id or account",
      },
      {
        line: 9,
        field: "occurred_at",
        column: "date",
        reason: "occurred_at is 3 days in the future",
      },
      { line: 10, field: "row", reason: "has 4 fields; the header has 5" },
      { line: 11, field: "row", reason: "Line 11: text after the closing quote of a field." },
      { line: 12, field: "value", column: "value", reason: "is required" },
    ]);
  });

  it("keys are deterministic: the same file again gives the same keys", () => {
    const first = toOutcomeEvents(rows, mapping, options).events.map(
      (e) => e.event.idempotency_key,
    );
    const again = toOutcomeEvents(splitHeader(parseCsv(csv)).rows, mapping, options).events.map(
      (e) => e.event.idempotency_key,
    );
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it("keys change with the file name, the line, the row's content and the metric", () => {
    const base = csvIdempotencyKey("a.csv", 2, "csat", ["csat", "4"]);
    expect(csvIdempotencyKey("a.csv", 2, "csat", ["csat", "4"])).toBe(base);
    for (const other of [
      csvIdempotencyKey("b.csv", 2, "csat", ["csat", "4"]),
      csvIdempotencyKey("a.csv", 3, "csat", ["csat", "4"]),
      csvIdempotencyKey("a.csv", 2, "csat", ["csat", "5"]),
      csvIdempotencyKey("a.csv", 2, "nps", ["csat", "4"]),
      csvIdempotencyKey("a.csv", 2, "csat", ["csat,4"]),
    ]) {
      expect(other).not.toBe(base);
    }
    const long = csvIdempotencyKey(`${"x".repeat(300)}.csv`, 1_000_000, "m", ["v"]);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(
      validateEvent(
        { type: "run", idempotency_key: long, occurred_at: "2026-06-01T12:00:00Z", run: {} },
        NOW,
      ).status,
    ).toBe("valid");
  });

  it("a fixed metric for every row (a file of scores)", () => {
    const scores = splitHeader(
      parseCsv("ticket,score,closed\nT-1,5,2026-05-01\nT-2,3,2026-05-02\n"),
    );
    const fixed: OutcomeColumnMapping = {
      metric_key: { constant: "csat" },
      value: 1,
      occurred_at: 2,
      conversation_id: 0,
    };
    const { events, errors } = toOutcomeEvents(scores.rows, fixed, {
      ...options,
      headers: scores.headers,
    });
    expect(errors).toEqual([]);
    expect(events.map((e) => [e.event.outcome.metric_key, e.event.outcome.value])).toEqual([
      ["csat", 5],
      ["csat", 3],
    ]);
    // The same rows under another metric are other outcomes, with other keys.
    const nps = toOutcomeEvents(
      scores.rows,
      { ...fixed, metric_key: { constant: "nps" } },
      {
        ...options,
        headers: scores.headers,
      },
    );
    expect(nps.events[0]!.event.idempotency_key).not.toBe(events[0]!.event.idempotency_key);
  });

  it("refuses an incomplete mapping", () => {
    expect(mappingProblems({})).toHaveLength(4);
    expect(mappingProblems(mapping)).toEqual([]);
    expect(() => toOutcomeEvents(rows, { value: 1 }, options)).toThrow(/Incomplete column mapping/);
  });
});

describe("value and time parsing", () => {
  it("parseCsvNumber takes plain decimal numbers only", () => {
    expect(["12", "-129.90", "+3", "1e3", ".5", "5."].map(parseCsvNumber)).toEqual([
      12, -129.9, 3, 1000, 0.5, 5,
    ]);
    for (const text of ["$12", "1,200", "12,5", "abc", "", "1e400", "0x10", "1 000", "NaN"]) {
      expect(parseCsvNumber(text), text).toBeUndefined();
    }
  });

  it("normalizeCsvTimestamp: ISO kept, no zone means UTC, seconds added", () => {
    expect(normalizeCsvTimestamp("2026-05-30T10:00:00.5+02:00")).toBe(
      "2026-05-30T10:00:00.5+02:00",
    );
    expect(normalizeCsvTimestamp("2026-05-30")).toBe("2026-05-30T00:00:00Z");
    expect(normalizeCsvTimestamp("2026-05-30 10:05")).toBe("2026-05-30T10:05:00Z");
    expect(normalizeCsvTimestamp("2026-05-30 10:05:09")).toBe("2026-05-30T10:05:09Z");
    expect(normalizeCsvTimestamp("2026-05-30T10:05z")).toBe("2026-05-30T10:05:00Z");
    expect(normalizeCsvTimestamp("2026-05-30T10:05-05:00")).toBe("2026-05-30T10:05:00-05:00");
    expect(normalizeCsvTimestamp("30/05/2026")).toBe("30/05/2026");
  });
});

describe("rejectedRowsCsv", () => {
  it("writes the rejected rows with their line and errors, and reads back as the same cells", () => {
    const text = 'metric,value,note\nconversion,x,"has, comma"\ncsat,4,ok\nnps,"",  padded  \n';
    const { headers, rows } = splitHeader(parseCsv(text));
    const errors = [
      { line: 4, field: "value", reason: "is required" },
      { line: 2, field: "value", reason: "must be a number" },
      { line: 4, field: "row", reason: 'must be linked to a "run"' },
    ];
    const out = rejectedRowsCsv(errors, rows, headers);
    expect(out.startsWith("\uFEFF")).toBe(true);
    expect(out.endsWith("\r\n")).toBe(true);
    expect(fields(parseCsv(out))).toEqual([
      ["line", "metric", "value", "note", "errors"],
      ["2", "conversion", "x", "has, comma", "value: must be a number"],
      ["4", "nps", "", "  padded  ", 'value: is required; row: must be linked to a "run"'],
    ]);
  });

  it("formatCsvRow quotes only what needs quoting", () => {
    expect(formatCsvRow(["a", "b c", "d,e", 'f"g', "h\ni", " j"])).toBe(
      'a,b c,"d,e","f""g","h\ni"," j"',
    );
  });
});

describe("sha256Hex", () => {
  it("matches node:crypto, across block boundaries and for non-ASCII text", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    for (const text of ["", "a".repeat(55), "a".repeat(56), "a".repeat(64), "é🎉".repeat(100)]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });
});
