/**
 * The CSV upload's pipeline, kept out of React so it can be tested on its own and so a file of
 * 100,000 rows never blocks the page: the file is read as a stream, rows are checked in slices
 * with a pause for the browser between slices, and valid rows are committed in chunks, each one
 * idempotent, so a failed chunk can be retried without storing anything twice.
 */
import {
  MAX_OUTCOME_ROWS,
  outcomeEventToRow,
  type OutcomeRow,
  type OutcomeRowResult,
} from "@shared/outcome-rows.ts";
import {
  type CsvOutcomeEvent,
  type CsvRecord,
  type CsvRowError,
  type OutcomeColumnMapping,
  parseCsvStream,
  rejectedRowsCsv,
  splitHeader,
  toOutcomeEvents,
} from "./csv";

/** Rows per `record_outcomes` call: the most one call takes. */
export const COMMIT_CHUNK_SIZE = MAX_OUTCOME_ROWS;
/** Rows checked between two pauses for the browser to paint and handle input. */
const VALIDATION_SLICE = 2_000;

export interface ParsedCsv {
  fileName: string;
  headers: string[];
  rows: CsvRecord[];
}

/** Lets the browser paint and handle input before the next slice of work. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads a CSV file as a stream; `onProgress` gets the fraction of bytes read (0..1). */
export async function readCsvFile(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ParsedCsv> {
  const records: CsvRecord[] = [];
  await parseCsvStream(
    file.stream(),
    (batch) => {
      for (const record of batch) records.push(record);
    },
    { onProgress: (bytes) => onProgress(file.size ? bytes / file.size : 1) },
  );
  const { headers, rows } = splitHeader(records);
  if (headers.length === 0) {
    throw new Error(`${file.name} is empty. Choose a CSV file with a header row and data rows.`);
  }
  if (rows.length === 0) {
    throw new Error(`${file.name} has a header row but no data rows.`);
  }
  return { fileName: file.name, headers, rows };
}

/** Which metric keys the organization has, and whether each is archived. */
export type MetricCatalog = ReadonlyMap<string, { archived: boolean }>;

/**
 * The database's reasons for a metric key it refuses (private.write_outcomes), so the preview
 * says exactly what committing would.
 */
export function metricKeyProblem(key: string, metrics: MetricCatalog): string | undefined {
  const metric = metrics.get(key);
  if (!metric) {
    return `is not a metric of this organization: "${key}" (define it under Taxonomy, Metrics first)`;
  }
  if (metric.archived) {
    return `"${key}" is archived; restore it under Taxonomy to record outcomes for it`;
  }
  return undefined;
}

export interface PreparedImport {
  events: CsvOutcomeEvent[];
  /** Every problem found, by line (a row may have several). */
  errors: CsvRowError[];
  /** Lines with at least one error. */
  rejectedLines: number;
}

/**
 * Checks every row against the ingest contract and the organization's metrics, in slices.
 * `onProgress` gets the fraction of rows checked; `signal` stops early (the mapping changed).
 */
export async function prepareImport(
  parsed: ParsedCsv,
  mapping: OutcomeColumnMapping,
  options: {
    now: Date;
    metrics: MetricCatalog;
    onProgress?: (fraction: number) => void;
    signal?: AbortSignal;
  },
): Promise<PreparedImport> {
  const events: CsvOutcomeEvent[] = [];
  const errors: CsvRowError[] = [];
  const metricColumn =
    typeof mapping.metric_key === "number" ? parsed.headers[mapping.metric_key] : undefined;
  for (let start = 0; start < parsed.rows.length; start += VALIDATION_SLICE) {
    options.signal?.throwIfAborted();
    const slice = parsed.rows.slice(start, start + VALIDATION_SLICE);
    const checked = toOutcomeEvents(slice, mapping, {
      source: "csv",
      now: options.now,
      fileName: parsed.fileName,
      headers: parsed.headers,
    });
    errors.push(...checked.errors);
    for (const event of checked.events) {
      const problem = metricKeyProblem(event.event.outcome.metric_key, options.metrics);
      if (problem) {
        errors.push({
          line: event.line,
          field: "metric_key",
          ...(metricColumn === undefined ? {} : { column: metricColumn }),
          reason: problem,
        });
      } else {
        events.push(event);
      }
    }
    options.onProgress?.(Math.min(1, (start + slice.length) / parsed.rows.length));
    await yieldToBrowser();
  }
  errors.sort((a, b) => a.line - b.line);
  return { events, errors, rejectedLines: new Set(errors.map((error) => error.line)).size };
}

export interface CommitProgress {
  /** How many of the valid rows have an answer from the server (they are stored or refused). */
  done: number;
  total: number;
  accepted: number;
  /** Already recorded before (the same file uploaded again, or a retried chunk). */
  duplicate: number;
  /** Rows the server refused, with its reasons. */
  errors: CsvRowError[];
}

export function emptyProgress(total: number): CommitProgress {
  return { done: 0, total, accepted: 0, duplicate: 0, errors: [] };
}

/**
 * Sends `events[progress.done..]` in chunks with `send`, one chunk at a time, reporting after
 * each. Resolves with the final progress; rejects with `CommitError` (carrying the progress so
 * far) when a chunk fails: everything before it is stored, and calling again with that progress
 * resumes at the failed chunk.
 */
export async function commitInChunks(
  events: readonly CsvOutcomeEvent[],
  send: (rows: OutcomeRow[]) => Promise<OutcomeRowResult[]>,
  progress: CommitProgress,
  onChunk: (progress: CommitProgress) => void,
): Promise<CommitProgress> {
  let current = progress;
  while (current.done < events.length) {
    const chunk = events.slice(current.done, current.done + COMMIT_CHUNK_SIZE);
    let results: OutcomeRowResult[];
    try {
      results = await send(chunk.map((item) => outcomeEventToRow(item.event)));
    } catch (error) {
      throw new CommitError(current, error);
    }
    const next = { ...current, errors: [...current.errors] };
    for (const result of results) {
      const line = chunk[result.index]!.line;
      if (result.status === "rejected") {
        for (const error of result.errors) {
          next.errors.push({ line, field: error.field || "row", reason: error.reason });
        }
      } else if (result.status === "accepted") next.accepted++;
      else next.duplicate++;
    }
    next.done += chunk.length;
    current = next;
    onChunk(current);
  }
  return current;
}

/** A chunk failed; `progress` is what was stored before it. */
export class CommitError extends Error {
  readonly progress: CommitProgress;

  constructor(progress: CommitProgress, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "CommitError";
    this.progress = progress;
  }
}

/** The rejected rows (refused in the preview or by the server) as a downloadable CSV file. */
export function rejectedRowsFile(
  parsed: ParsedCsv,
  errors: readonly CsvRowError[],
): { name: string; blob: Blob } {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const text = rejectedRowsCsv(sorted, parsed.rows, parsed.headers);
  const base = parsed.fileName.replace(/\.csv$/i, "");
  return {
    name: `${base}-rejected.csv`,
    blob: new Blob([text], { type: "text/csv;charset=utf-8" }),
  };
}
