import { format } from "date-fns";

import type { ChartImage } from "./chart-image";
import type { CellValue, ExportContext, ExportTable, TableColumn } from "./types";

export interface PdfKpi {
  label: string;
  value: string;
  change: string;
  tone: "good" | "bad" | "neutral";
}

export interface PdfChart {
  title: string;
  image: ChartImage;
  /** The series, e.g. "Conversion (left axis), Latency p95 (right axis)". */
  legend?: string;
}

export interface PdfReport {
  title: string;
  context: ExportContext;
  kpis: PdfKpi[];
  charts: PdfChart[];
  tables: ExportTable[];
}

// The standard PDF fonts cover Latin-1 only: typographic characters the app uses become their
// plain equivalents instead of empty boxes.
const REPLACEMENTS: [RegExp, string][] = [
  [/[\u2212\u2013\u2014]/g, "-"],
  [/\u2026/g, "..."],
  [/[\u201c\u201d]/g, '"'],
  [/[\u2018\u2019]/g, "'"],
  [/\u2192/g, "->"],
];

export function pdfText(text: string): string {
  return (
    REPLACEMENTS.reduce(
      (result, [pattern, replacement]) => result.replace(pattern, replacement),
      text,
    )
      // Anything else outside Latin-1 (emoji, CJK) would print as garbage.
      .replace(/[^\t\n\r\u0020-\u00ff]/g, "?")
  );
}

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const TONE_COLORS = { good: [22, 130, 80], bad: [200, 40, 40], neutral: [100, 100, 110] } as const;

const display = (column: TableColumn, value: CellValue) =>
  column.format ? column.format(value) : value === null || value === undefined ? "" : String(value);

/**
 * The report as a PDF (A4, portrait): title, range and filters, KPI cards, charts as images and
 * tables, breaking pages where needed. jspdf is loaded here, on first use, so it never weighs on
 * the app's initial download.
 */
export async function renderPdfReport(report: PdfReport, generatedAt = new Date()): Promise<Blob> {
  const { jsPDF } = await import("jspdf");
  const doc = new jsPDF({ unit: "pt", format: "a4", compress: true });
  let y = PAGE.margin;

  const ensureSpace = (height: number) => {
    if (y + height > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const heading = (text: string, size = 13) => {
    ensureSpace(size + 12);
    doc.setFont("helvetica", "bold").setFontSize(size).setTextColor(20, 20, 30);
    doc.text(pdfText(text), PAGE.margin, y + size);
    y += size + 8;
  };

  // Title and what the report covers.
  doc.setFont("helvetica", "bold").setFontSize(20).setTextColor(20, 20, 30);
  doc.text(pdfText(report.title), PAGE.margin, y + 20);
  y += 30;
  doc.setFont("helvetica", "normal").setFontSize(10).setTextColor(90, 90, 100);
  const { context } = report;
  const details = [
    `${context.organization} - ${context.rangeLabel} (${format(context.from, "yyyy-MM-dd HH:mm")} to ${format(context.to, "yyyy-MM-dd HH:mm")})`,
    context.filters.length > 0
      ? `Filters: ${context.filters.map((filter) => `${filter.label} = ${filter.value}`).join("; ")}`
      : "Filters: none",
    `Generated ${format(generatedAt, "yyyy-MM-dd HH:mm")} - ${context.url}`,
  ];
  for (const detail of details) {
    const lines = doc.splitTextToSize(pdfText(detail), CONTENT_WIDTH) as string[];
    doc.text(lines, PAGE.margin, y + 10);
    y += lines.length * 12 + 2;
  }
  y += 10;

  // KPI cards, four to a row.
  if (report.kpis.length > 0) {
    heading("Key metrics");
    const columns = 4;
    const gap = 8;
    const cardWidth = (CONTENT_WIDTH - gap * (columns - 1)) / columns;
    const cardHeight = 58;
    report.kpis.forEach((kpi, index) => {
      const column = index % columns;
      if (column === 0) ensureSpace(cardHeight + gap);
      const x = PAGE.margin + column * (cardWidth + gap);
      doc.setDrawColor(210, 210, 220).setFillColor(247, 247, 250);
      doc.roundedRect(x, y, cardWidth, cardHeight, 4, 4, "FD");
      doc.setFont("helvetica", "normal").setFontSize(8).setTextColor(90, 90, 100);
      doc.text(pdfText(kpi.label), x + 8, y + 14);
      doc.setFont("helvetica", "bold").setFontSize(14).setTextColor(20, 20, 30);
      doc.text(pdfText(kpi.value), x + 8, y + 33);
      const [red, green, blue] = TONE_COLORS[kpi.tone];
      doc.setFont("helvetica", "normal").setFontSize(8).setTextColor(red, green, blue);
      doc.text(pdfText(`${kpi.change} vs previous period`), x + 8, y + 48);
      if (column === columns - 1 || index === report.kpis.length - 1) y += cardHeight + gap;
    });
    y += 8;
  }

  // Charts, full width, keeping their aspect ratio.
  for (const chart of report.charts) {
    const width = CONTENT_WIDTH;
    const height = Math.min(280, (chart.image.height / chart.image.width) * width);
    ensureSpace(height + 50);
    heading(chart.title, 12);
    doc.addImage(chart.image.dataUrl, "PNG", PAGE.margin, y, width, height);
    y += height + 6;
    if (chart.legend) {
      doc.setFont("helvetica", "normal").setFontSize(8).setTextColor(90, 90, 100);
      doc.text(pdfText(chart.legend), PAGE.margin, y + 8);
      y += 14;
    }
    y += 12;
  }

  // Tables: columns share the width by their longest text; the header repeats on each page.
  for (const table of report.tables) {
    const rowHeight = 16;
    ensureSpace(rowHeight * 3 + 24);
    heading(table.title, 12);
    const texts = table.rows.map((row) =>
      table.columns.map((column) => pdfText(display(column, row[column.key]))),
    );
    const weights = table.columns.map((column, index) =>
      Math.min(40, Math.max(column.label.length, ...texts.map((row) => row[index]!.length), 4)),
    );
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const widths = weights.map((weight) => (weight / total) * CONTENT_WIDTH);
    const drawRow = (cells: string[], header: boolean) => {
      if (header) {
        doc.setFillColor(235, 235, 242);
        doc.rect(PAGE.margin, y, CONTENT_WIDTH, rowHeight, "F");
      }
      doc
        .setFont("helvetica", header ? "bold" : "normal")
        .setFontSize(8)
        .setTextColor(20, 20, 30);
      let x = PAGE.margin;
      cells.forEach((text, index) => {
        const [first = ""] = doc.splitTextToSize(text, widths[index]! - 6) as string[];
        doc.text(first, x + 3, y + 11);
        x += widths[index]!;
      });
      doc
        .setDrawColor(225, 225, 232)
        .line(PAGE.margin, y + rowHeight, PAGE.margin + CONTENT_WIDTH, y + rowHeight);
      y += rowHeight;
    };
    const headerCells = table.columns.map((column) => pdfText(column.label));
    drawRow(headerCells, true);
    if (texts.length === 0) {
      doc.setFont("helvetica", "italic").setFontSize(8).setTextColor(90, 90, 100);
      doc.text("No rows for this range and these filters.", PAGE.margin + 3, y + 11);
      y += rowHeight;
    }
    for (const row of texts) {
      if (y + rowHeight > PAGE.height - PAGE.margin) {
        doc.addPage();
        y = PAGE.margin;
        drawRow(headerCells, true);
      }
      drawRow(row, false);
    }
    y += 16;
  }

  // Page numbers, once the page count is known.
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    doc.setFont("helvetica", "normal").setFontSize(8).setTextColor(140, 140, 150);
    doc.text(`Page ${page} of ${pages}`, PAGE.width - PAGE.margin, PAGE.height - 20, {
      align: "right",
    });
  }
  return doc.output("blob");
}
