import type { CellValue, ExportContext, ExportTable } from "./types";

// Spreadsheets run a cell starting with one of these as a formula: text cells get a leading
// apostrophe so an account named "=HYPERLINK(…)" stays text. Numbers are never touched.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: CellValue[]) => cells.map(cell).join(",");

/**
 * The table as CSV (RFC 4180, CRLF line ends): first a header block saying what was exported,
 * from where, for which range and filters, then an empty line, then the columns and rows.
 * Numbers are written exactly as held (String(number) round-trips), never rounded for display.
 */
export function toCsv(table: ExportTable, context: ExportContext, exportedAt = new Date()): string {
  const header: CellValue[][] = [
    ["Causeway export", table.title],
    ["Organization", context.organization],
    ["Range", context.rangeLabel],
    ["From", context.from.toISOString()],
    ["To", context.to.toISOString()],
    ...(context.filters.length > 0
      ? context.filters.map((filter) => [`Filter: ${filter.label}`, filter.value])
      : [["Filters", "None"]]),
    ["Link", context.url],
    ["Exported at", exportedAt.toISOString()],
  ];
  const body = [
    table.columns.map((column) => column.label),
    ...table.rows.map((row) => table.columns.map((column) => row[column.key])),
  ];
  return [...header.map(line), "", ...body.map(line)].join("\r\n") + "\r\n";
}
