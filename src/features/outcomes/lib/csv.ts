/**
 * Outcomes from a CSV file: an RFC 4180 parser that can be fed a file chunk by chunk (with line
 * numbers for every record), a column-mapping suggestion, the conversion of rows into `outcome`
 * ingest events validated by the same contract as the ingest API, and a CSV of the rejected rows
 * for download.
 *
 *   const records: CsvRecord[] = [];
 *   await parseCsvStream(file.stream(), (batch) => records.push(...batch), {
 *     onProgress: (bytes) => setProgress(bytes / file.size),
 *   });
 *   const { headers, rows } = splitHeader(records);
 *   const mapping = suggestColumnMapping(headers);          // the user adjusts it
 *   const { events, errors } = toOutcomeEvents(rows, mapping, {
 *     source: "csv", now: new Date(), fileName: file.name, headers,
 *   });
 *   // send `events` (each has a deterministic idempotency key); offer rejectedRowsCsv(errors, rows, headers)
 */
import {
  type FieldError,
  type OutcomeEvent,
  type OutcomeSource,
  validateEvent,
} from "../../../../supabase/functions/_shared/ingest-events";

// ---------------------------------------------------------------------------------------------
// Parsing

export interface CsvRecord {
  /** The 1-based line the record starts on (a quoted field may span several lines). */
  line: number;
  fields: string[];
  /** Set when the record is malformed; `fields` then holds what could be read. */
  error?: string;
}

export interface CsvParserOptions {
  /** One character. Default ",". */
  delimiter?: string;
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: the end of the field, or the first half of `""`. */
  QuoteInQuoted: 3,
  /** After a quoted field's closing quote, where only a delimiter or a line break may follow. */
  AfterQuoted: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * An RFC 4180 parser fed chunk by chunk: quoted fields, `""` for a quote, delimiters and line
 * breaks inside quotes, CRLF, LF or CR line breaks (also split across chunks), a leading BOM.
 * Blank lines (and lines whose fields are all empty) are skipped; line numbers still count them.
 * A quote inside an unquoted field is kept as it is; text after a closing quote, or a quote that
 * is never closed, makes the record an error (its `error` says which line).
 */
export class CsvParser {
  readonly #delimiter: string;
  #state: State = State.FieldStart;
  #field = "";
  #fields: string[] = [];
  #line = 1;
  #recordLine = 1;
  #quoteLine = 1;
  #error: string | undefined;
  #afterCR = false;
  #started = false;
  #out: CsvRecord[] = [];

  constructor(options: CsvParserOptions = {}) {
    const delimiter = options.delimiter ?? ",";
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new TypeError("The delimiter must be one character other than a quote or line break.");
    }
    this.#delimiter = delimiter;
  }

  /** Parses `chunk` and returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    let i = 0;
    if (!this.#started && chunk.length > 0) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const char = chunk[i]!;
      if (this.#afterCR) {
        this.#afterCR = false;
        if (char === "\n") {
          // The LF of a CRLF: one line break. Inside quotes it is data, kept whole.
          if (this.#state === State.Quoted) this.#field += char;
          continue;
        }
      }
      this.#char(char);
    }
    return this.#take();
  }

  /** Ends the input and returns the last records. */
  end(): CsvRecord[] {
    if (this.#state === State.Quoted) {
      this.#error ??= `A quoted field opened on line ${this.#quoteLine} is never closed.`;
    }
    if (this.#state !== State.FieldStart || this.#fields.length > 0) this.#endRecord();
    return this.#take();
  }

  #char(char: string): void {
    const newline = char === "\n" || char === "\r";
    switch (this.#state) {
      case State.Quoted:
        if (char === '"') {
          this.#state = State.QuoteInQuoted;
        } else {
          this.#field += char;
          if (newline) this.#countLine(char);
        }
        return;
      case State.QuoteInQuoted:
        if (char === '"') {
          this.#field += '"';
          this.#state = State.Quoted;
        } else {
          this.#state = State.AfterQuoted;
          this.#char(char);
        }
        return;
      case State.AfterQuoted:
        if (char !== this.#delimiter && !newline) {
          this.#error ??= `Line ${this.#line}: text after the closing quote of a field.`;
          this.#field += char;
          return;
        }
        break;
      case State.FieldStart:
        if (char === '"') {
          this.#state = State.Quoted;
          this.#quoteLine = this.#line;
          return;
        }
        break;
      case State.Unquoted:
        break;
    }
    if (char === this.#delimiter) {
      this.#fields.push(this.#field);
      this.#field = "";
      this.#state = State.FieldStart;
    } else if (newline) {
      this.#endRecord();
      this.#countLine(char);
      this.#recordLine = this.#line;
    } else {
      this.#field += char;
      this.#state = State.Unquoted;
    }
  }

  #countLine(char: string): void {
    this.#line++;
    if (char === "\r") this.#afterCR = true;
  }

  #endRecord(): void {
    this.#fields.push(this.#field);
    const fields = this.#fields;
    if (this.#error || !fields.every((field) => field === "")) {
      const record: CsvRecord = { line: this.#recordLine, fields };
      if (this.#error) record.error = this.#error;
      this.#out.push(record);
    }
    this.#fields = [];
    this.#field = "";
    this.#error = undefined;
    this.#state = State.FieldStart;
  }

  #take(): CsvRecord[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }
}

/** Parses a whole CSV text. */
export function parseCsv(text: string, options?: CsvParserOptions): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

/**
 * Parses a byte stream (e.g. `file.stream()`) as UTF-8 CSV, handing records over as they are
 * completed, so a large file never has to be one string. Resolves with the totals.
 */
export async function parseCsvStream(
  stream: ReadableStream<Uint8Array>,
  onRecords: (records: CsvRecord[]) => void,
  options: CsvParserOptions & {
    onProgress?: (bytesRead: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<{ records: number; bytes: number }> {
  const parser = new CsvParser(options);
  const decoder = new TextDecoder("utf-8");
  const reader = stream.getReader();
  let bytes = 0;
  let records = 0;
  const emit = (batch: CsvRecord[]) => {
    if (batch.length === 0) return;
    records += batch.length;
    onRecords(batch);
  };
  try {
    while (true) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      emit(parser.push(decoder.decode(value, { stream: true })));
      options.onProgress?.(bytes);
    }
    emit(parser.push(decoder.decode()));
    emit(parser.end());
  } finally {
    reader.releaseLock();
  }
  return { records, bytes };
}

/** The first record is the header; the rest are data rows. */
export function splitHeader(records: CsvRecord[]): { headers: string[]; rows: CsvRecord[] } {
  const [first, ...rows] = records;
  return { headers: first ? first.fields.map((h) => h.trim()) : [], rows };
}

// ---------------------------------------------------------------------------------------------
// Column mapping

export const OUTCOME_CSV_FIELDS = [
  "metric_key",
  "value",
  "occurred_at",
  "run_id",
  "run_external_id",
  "conversation_id",
  "end_user_id",
  "account",
] as const;
export type OutcomeCsvField = (typeof OUTCOME_CSV_FIELDS)[number];

export const LINK_FIELDS = [
  "run_id",
  "run_external_id",
  "conversation_id",
  "end_user_id",
  "account",
] as const satisfies readonly OutcomeCsvField[];

/**
 * Which column (0-based index) feeds each field. `metric_key` may instead be one fixed key for
 * every row (a file of CSAT scores: `{ constant: "csat" }`).
 */
export type OutcomeColumnMapping = {
  [K in Exclude<OutcomeCsvField, "metric_key">]?: number;
} & { metric_key?: number | { constant: string } };

const SYNONYMS: Record<OutcomeCsvField, string[]> = {
  metric_key: ["metric_key", "metric", "metric_name", "kpi", "outcome", "outcome_metric"],
  value: ["value", "metric_value", "outcome_value", "amount", "score", "val"],
  occurred_at: [
    "occurred_at",
    "timestamp",
    "occurred",
    "datetime",
    "date_time",
    "time",
    "date",
    "event_time",
    "created_at",
    "closed_at",
  ],
  run_id: ["run_id", "run", "llm_run_id", "run_uuid"],
  run_external_id: ["run_external_id", "external_run_id", "external_id"],
  conversation_id: [
    "conversation_id",
    "conversation",
    "session_id",
    "session",
    "thread_id",
    "chat_id",
  ],
  end_user_id: ["end_user_id", "end_user", "user_id", "user", "contact_id", "customer_user_id"],
  account: [
    "account",
    "account_id",
    "workspace",
    "workspace_id",
    "company",
    "company_id",
    "customer",
    "customer_id",
    "tenant",
    "tenant_id",
  ],
};

/** "Metric Key" → "metric_key", "Run-ID" → "run_id". */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Guesses the mapping from the headers: exact synonyms, best first; each column is used once.
 * Fields with no plausible column are left out for the user to map.
 */
export function suggestColumnMapping(headers: readonly string[]): OutcomeColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: OutcomeColumnMapping = {};
  for (const field of OUTCOME_CSV_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const index = normalized.findIndex((header, i) => header === synonym && !used.has(i));
      if (index >= 0) {
        used.add(index);
        mapping[field] = index;
        break;
      }
    }
  }
  return mapping;
}

/** What is missing before the mapping can be used; [] when it is complete. */
export function mappingProblems(mapping: OutcomeColumnMapping): string[] {
  const problems: string[] = [];
  if (mapping.metric_key === undefined)
    problems.push("Choose the metric column or a fixed metric.");
  if (mapping.value === undefined) problems.push("Choose the value column.");
  if (mapping.occurred_at === undefined) problems.push("Choose the date/time column.");
  if (!LINK_FIELDS.some((field) => mapping[field] !== undefined)) {
    problems.push(
      "Choose at least one column linking each outcome: run_id, run_external_id, conversation_id, end_user_id or account.",
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Rows → outcome events

export interface CsvRowError {
  line: number;
  /** The outcome field ("value", "occurred_at", ...), or "row" for the row as a whole. */
  field: string;
  /** The column header the field was mapped from, when there is one. */
  column?: string;
  reason: string;
}

export interface CsvOutcomeEvent {
  line: number;
  event: OutcomeEvent;
}

export interface ToOutcomeEventsOptions {
  source: OutcomeSource;
  /** The server clock stand-in for the timestamp window (at most 5 minutes ahead, 2 years old). */
  now: Date;
  /** Part of every idempotency key: the same file uploaded again gives the same keys. */
  fileName: string;
  /** The header row: enables the field-count check and the `column` of errors. */
  headers?: readonly string[];
}

/**
 * Turns data rows into outcome events, each validated by the ingest contract (`validateEvent`),
 * or into errors with their line numbers. Cells are trimmed. Timestamps without a time zone are
 * taken as UTC; a bare date is midnight UTC.
 *
 * Idempotency keys are `csv:<file name>:<line>:<hash>`, the hash covering the file name, the
 * line, the metric key and every cell of the row: uploading the same file again never stores an
 * outcome twice, while a changed row, or the same row mapped to another metric, is a new outcome.
 */
export function toOutcomeEvents(
  rows: readonly CsvRecord[],
  mapping: OutcomeColumnMapping,
  options: ToOutcomeEventsOptions,
): { events: CsvOutcomeEvent[]; errors: CsvRowError[] } {
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new TypeError(`Incomplete column mapping: ${problems.join(" ")}`);
  const headers = options.headers;
  const columnOf = (field: string): string | undefined => {
    const index = (mapping as Record<string, unknown>)[field];
    return typeof index === "number" ? headers?.[index] : undefined;
  };

  const events: CsvOutcomeEvent[] = [];
  const errors: CsvRowError[] = [];
  for (const row of rows) {
    if (row.error) {
      errors.push({ line: row.line, field: "row", reason: row.error });
      continue;
    }
    if (headers && row.fields.length !== headers.length) {
      errors.push({
        line: row.line,
        field: "row",
        reason: `has ${row.fields.length} fields; the header has ${headers.length}`,
      });
      continue;
    }
    const cell = (index: number | undefined) =>
      index === undefined ? undefined : (row.fields[index] ?? "").trim() || undefined;

    const rowErrors: CsvRowError[] = [];
    const metricKey =
      typeof mapping.metric_key === "object"
        ? mapping.metric_key.constant
        : cell(mapping.metric_key);
    const rawValue = cell(mapping.value);
    let value: number | string | undefined = rawValue;
    if (rawValue !== undefined) {
      const number = parseCsvNumber(rawValue);
      if (number === undefined) {
        rowErrors.push({
          line: row.line,
          field: "value",
          column: columnOf("value"),
          reason: `must be a number, like 12 or -129.90 (got "${rawValue}")`,
        });
      } else value = number;
    }
    const rawTime = cell(mapping.occurred_at);
    const occurredAt = rawTime === undefined ? undefined : normalizeCsvTimestamp(rawTime);

    const outcome: Record<string, unknown> = {
      metric_key: metricKey,
      value,
      source: options.source,
    };
    for (const field of LINK_FIELDS) {
      const linked = cell(mapping[field]);
      if (linked !== undefined) outcome[field] = linked;
    }
    const event = {
      type: "outcome",
      idempotency_key: csvIdempotencyKey(options.fileName, row.line, metricKey ?? "", row.fields),
      occurred_at: occurredAt,
      outcome,
    };

    const checked = validateEvent(event, options.now);
    if (checked.status === "rejected") {
      for (const error of checked.errors) {
        const field = csvField(error);
        // The value's own message above is clearer than the contract's for a non-number.
        if (field === "value" && rowErrors.some((e) => e.field === "value")) continue;
        rowErrors.push({ line: row.line, field, column: columnOf(field), reason: error.reason });
      }
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors.map(withoutUndefinedColumn));
    } else if (checked.status === "valid") {
      events.push({ line: row.line, event: checked.event as OutcomeEvent });
    }
  }
  return { events, errors };
}

function withoutUndefinedColumn(error: CsvRowError): CsvRowError {
  if (error.column !== undefined) return error;
  const { line, field, reason } = error;
  return { line, field, reason };
}

/** A contract error's field → the CSV field: "outcome.value" → "value", "outcome" → "row". */
function csvField(error: FieldError): string {
  if (error.field === "outcome" || error.field === "") return "row";
  return error.field.replace(/^outcome\./, "");
}

/** "12", "-129.90", "1e3", ".5" → a number; "$12", "1,200", "12,5", "abc" → undefined. */
export function parseCsvNumber(text: string): number | undefined {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * CSV exports write times in many ways. ISO 8601 with a time zone is kept as it is; without one,
 * or as a bare date, it is taken as UTC; missing seconds are added. Anything else is returned
 * unchanged for the contract to reject.
 */
export function normalizeCsvTimestamp(text: string): string {
  const date = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (date) return `${date[1]}T00:00:00Z`;
  const dateTime =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:\d{2})?$/i.exec(text);
  if (!dateTime) return text;
  const [, day, hoursMinutes, seconds, zone] = dateTime;
  return `${day}T${hoursMinutes}${seconds ?? ":00"}${zone ? zone.toUpperCase() : "Z"}`;
}

/** The deterministic idempotency key of one CSV row's outcome (at most 200 characters). */
export function csvIdempotencyKey(
  fileName: string,
  line: number,
  metricKey: string,
  fields: readonly string[],
): string {
  const name = fileName.trim().slice(0, 100).trim() || "file";
  const hash = sha256Hex(JSON.stringify([fileName, line, metricKey, fields])).slice(0, 32);
  return `csv:${name}:${line}:${hash}`;
}

// ---------------------------------------------------------------------------------------------
// Rejected rows for download

/** One CSV line (no line break): fields quoted when they need it, quotes doubled. */
export function formatCsvRow(fields: readonly string[], delimiter = ","): string {
  return fields
    .map((field) =>
      field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim()
        ? `"${field.replace(/"/g, '""')}"`
        : field,
    )
    .join(delimiter);
}

/**
 * The rejected rows as a CSV file (CRLF, with a BOM so spreadsheet apps read it as UTF-8): a
 * `line` column, the row's original cells, and an `errors` column ("value: must be a number;
 * occurred_at: …"). With `headers`, a header row comes first.
 */
export function rejectedRowsCsv(
  errors: readonly CsvRowError[],
  originalRows: readonly CsvRecord[],
  headers?: readonly string[],
): string {
  const byLine = new Map<number, string[]>();
  for (const error of errors) {
    const messages = byLine.get(error.line) ?? [];
    messages.push(`${error.field}: ${error.reason}`);
    byLine.set(error.line, messages);
  }
  const lines: string[] = [];
  if (headers) lines.push(formatCsvRow(["line", ...headers, "errors"]));
  const rowsByLine = new Map(originalRows.map((row) => [row.line, row]));
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    const fields = rowsByLine.get(line)?.fields ?? [];
    lines.push(formatCsvRow([String(line), ...fields, byLine.get(line)!.join("; ")]));
  }
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}

// ---------------------------------------------------------------------------------------------
// SHA-256 (synchronous, for the idempotency keys)

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[i]! + w[i]!) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }
  return Array.from(h, (word) => word.toString(16).padStart(8, "0")).join("");
}
