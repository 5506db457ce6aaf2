export { ExportMenu } from "./components/export-menu";
export { collectCharts } from "./lib/collect-charts";
export { toCsv } from "./lib/csv";
export type { PdfKpi, PdfReport } from "./lib/pdf-report";
export type { CellValue, ExportContext, ExportTable, TableColumn } from "./lib/types";
