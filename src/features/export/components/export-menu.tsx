import { useState } from "react";
import { Download, FileSpreadsheet, FileText } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/request-error";
import { toCsv } from "../lib/csv";
import { downloadBlob, exportFilename } from "../lib/download";
import type { PdfReport } from "../lib/pdf-report";
import type { ExportContext, ExportTable } from "../lib/types";

interface ExportMenuProps {
  /** The button's accessible name, saying what is exported: "Export conversion by model". */
  label: string;
  /** Words for the file name, e.g. ["acme-commerce", "conversion by model"]. */
  filenameParts: string[];
  context: ExportContext;
  /** Offers a CSV of this data. */
  table?: ExportTable;
  /** Offers a PDF report; called on click, so it may capture what is on screen then. */
  report?: () => Promise<PdfReport>;
  /** Shows the word "Export" next to the icon. */
  showText?: boolean;
}

/** Download menu for a table, a chart's data or a whole view. */
export function ExportMenu({
  label,
  filenameParts,
  context,
  table,
  report,
  showText,
}: ExportMenuProps) {
  const [preparing, setPreparing] = useState(false);

  function downloadCsv() {
    if (!table) return;
    const csv = toCsv(table, context);
    downloadBlob(
      new Blob([csv], { type: "text/csv;charset=utf-8" }),
      `${exportFilename(filenameParts)}.csv`,
    );
  }

  async function downloadPdf() {
    if (!report) return;
    setPreparing(true);
    try {
      // Loaded only now: the PDF code and jspdf stay out of the app's initial download.
      const { renderPdfReport } = await import("../lib/pdf-report");
      const blob = await renderPdfReport(await report());
      downloadBlob(blob, `${exportFilename(filenameParts)}.pdf`);
      toast.success("PDF report downloaded");
    } catch (error) {
      toast.error(`Couldn't make the PDF report. ${errorMessage(error)}`);
    } finally {
      setPreparing(false);
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size={showText ? "sm" : "icon"}
          aria-label={label}
          title={label}
          disabled={preparing}
          className={showText ? undefined : "size-8"}
        >
          {preparing ? (
            <Spinner label="Preparing the PDF report" className="text-current" />
          ) : (
            <Download aria-hidden="true" />
          )}
          {showText ? "Export" : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {table ? (
          <DropdownMenuItem onSelect={downloadCsv}>
            <FileSpreadsheet aria-hidden="true" />
            Download CSV
          </DropdownMenuItem>
        ) : null}
        {report ? (
          <DropdownMenuItem onSelect={() => void downloadPdf()}>
            <FileText aria-hidden="true" />
            Download PDF report
          </DropdownMenuItem>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
