import { describe, expect, it } from "vitest";

import { toCsv } from "./csv";
import type { ExportContext, ExportTable } from "./types";

const context: ExportContext = {
  organization: "Acme Commerce",
  rangeLabel: "Last 7 days",
  from: new Date("2026-11-14T10:00:00.000Z"),
  to: new Date("2026-11-21T10:00:00.000Z"),
  filters: [
    { label: "Model", value: "gpt-4o, claude-3-5-haiku" },
    { label: "Experiment", value: "Checkout copy" },
  ],
  url: "https://causeway.example/o/acme-commerce/overview?range=7D&model=gpt-4o",
};

const table: ExportTable = {
  title: "Conversion by model",
  columns: [
    { key: "segment", label: "Model" },
    { key: "n", label: "n", format: () => "formatted" },
    { key: "value", label: "Conversion" },
  ],
  rows: [
    { segment: "gpt-4o", n: 1204, value: 0.123456789012345 },
    { segment: 'say "hi", then\nleave', n: 0, value: null },
    { segment: '=HYPERLINK("http://evil")', n: 3, value: -0.5 },
  ],
};

const exportedAt = new Date("2026-11-21T10:30:00.000Z");

describe("toCsv", () => {
  const lines = toCsv(table, context, exportedAt).split("\r\n");

  it("opens with a header block naming the export, range, filters and link", () => {
    expect(lines.slice(0, 10)).toEqual([
      "Causeway export,Conversion by model",
      "Organization,Acme Commerce",
      "Range,Last 7 days",
      "From,2026-11-14T10:00:00.000Z",
      "To,2026-11-21T10:00:00.000Z",
      'Filter: Model,"gpt-4o, claude-3-5-haiku"',
      "Filter: Experiment,Checkout copy",
      "Link,https://causeway.example/o/acme-commerce/overview?range=7D&model=gpt-4o",
      "Exported at,2026-11-21T10:30:00.000Z",
      "",
    ]);
  });

  it("says so when no filter is set", () => {
    expect(toCsv(table, { ...context, filters: [] }, exportedAt)).toContain("\r\nFilters,None\r\n");
  });

  it("writes numbers exactly, never the display format", () => {
    expect(lines[10]).toBe("Model,n,Conversion");
    expect(lines[11]).toBe("gpt-4o,1204,0.123456789012345");
    expect(Number(lines[11]!.split(",")[2])).toBe(0.123456789012345);
  });

  it("quotes commas, quotes and line breaks, and leaves empty values empty", () => {
    expect(toCsv(table, context, exportedAt)).toContain('"say ""hi"", then\nleave",0,\r\n');
  });

  it("keeps text that looks like a formula from running in a spreadsheet, but not numbers", () => {
    expect(lines.at(-2)).toBe('"\'=HYPERLINK(""http://evil"")",3,-0.5');
  });

  it("ends with a line break", () => {
    expect(lines.at(-1)).toBe("");
  });
});
