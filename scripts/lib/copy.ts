// Bulk writes with PostgreSQL's `copy ... from stdin` (text format), shared by the demo data
// loader (scripts/lib/demo-data.ts) and the ingest benchmark's COPY floor (bench/ingest).
import { createHash } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";

/** One value in COPY's text format: \N for null, JSON for objects, ISO 8601 for dates. */
export function copyValue(value: unknown): string {
  if (value === undefined || value === null) return "\\N";
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return text.replace(
    /[\\\n\r\t]/g,
    (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!,
  );
}

/** One row of COPY text. */
export const copyLine = (values: readonly unknown[]) => values.map(copyValue).join("\t") + "\n";

/** The md5 of `text` written as a uuid: the form of the event tables' event_hash. */
export function md5Uuid(text: string): string {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Every public.llm_runs column but the generated ones, in COPY order. */
export const LLM_RUN_COLUMNS = [
  "id",
  "organization_id",
  "idempotency_key",
  "event_hash",
  "occurred_at",
  "received_at",
  "external_id",
  "conversation_id",
  "account",
  "end_user_id",
  "capability",
  "action",
  "intent",
  "experiment_id",
  "variant_id",
  "version_id",
  "provider",
  "model",
  "latency_ms",
  "ttft_ms",
  "tokens_in",
  "tokens_out",
  "tokens_cached",
  "cost_usd",
  "status",
  "error_type",
  "error_message",
  "is_manual",
  "tool_calls",
  "question",
  "response",
  "metadata",
] as const;

/**
 * One llm_runs row as COPY text, its values named by column. Every column is named (null where
 * there is no value): COPY writes null, not the column default, for a column it lists.
 */
export function llmRunLine(row: Record<(typeof LLM_RUN_COLUMNS)[number], unknown>): string {
  return copyLine(LLM_RUN_COLUMNS.map((column) => row[column]));
}

/**
 * Opens `copy <table> (<columns>) from stdin`. `write` waits while the stream is full; `end`
 * sends the last text and waits until the server has taken every row.
 */
export async function copyInto(
  sql: Sql | TransactionSql,
  table: string,
  columns: readonly string[],
): Promise<{ write(text: string): Promise<void>; end(text?: string): Promise<void> }> {
  const stream = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
  });
  return {
    async write(text) {
      if (!stream.write(text)) await new Promise((resolve) => stream.once("drain", resolve));
    },
    async end(text) {
      stream.end(text);
      await done;
    },
  };
}
