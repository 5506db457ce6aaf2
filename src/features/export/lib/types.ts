export type CellValue = string | number | boolean | null | undefined;

export interface TableColumn {
  key: string;
  label: string;
  /** How people read the value (screen and PDF); the CSV always holds the exact value. */
  format?: (value: CellValue) => string;
}

/** A table or a chart's data, as it is exported: exact values, labelled columns. */
export interface ExportTable {
  title: string;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
}

/** What the exported data describes: where it comes from, which range and which filters. */
export interface ExportContext {
  organization: string;
  /** "Last 7 days", "Nov 3 – Nov 15, 2026". */
  rangeLabel: string;
  from: Date;
  to: Date;
  /** The filters in effect, e.g. { label: "Model", value: "gpt-4o, claude-3-5-haiku" }. */
  filters: { label: string; value: string }[];
  /** The page's shareable link, which reopens the same view. */
  url: string;
}
