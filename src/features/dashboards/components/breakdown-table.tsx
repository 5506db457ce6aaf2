import type { ReactNode } from "react";
import { Table2 } from "lucide-react";

import { DataTable, type DataTableColumn, type SortValue } from "@/components/data-table";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { CellValue, ExportTable } from "@/features/export";

type Row = Record<string, CellValue>;

const sortable = (value: CellValue): SortValue =>
  typeof value === "number" || typeof value === "string" ? value : null;

/** The columns of an exportable table as sortable, filterable DataTable columns. */
export function exportTableColumns(table: ExportTable): DataTableColumn<Row>[] {
  return table.columns.map((column, index) => ({
    key: column.key,
    header: column.label,
    value: (row) => sortable(row[column.key]),
    cell: (row) => {
      const value = row[column.key];
      return column.format
        ? column.format(value)
        : value === null || value === undefined
          ? "—"
          : String(value);
    },
    align: index > 0 && column.format ? "right" : "left",
  }));
}

interface BreakdownTableProps {
  title: string;
  table: ExportTable;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  exportMenu: ReactNode;
}

/** A breakdown's numbers as a table, beside its chart: exact figures, sortable and searchable. */
export function BreakdownTable({
  title,
  table,
  isPending,
  error,
  onRetry,
  exportMenu,
}: BreakdownTableProps) {
  // The segment key is for the CSV; on screen the name says it.
  const columns = exportTableColumns(table).filter((column) => column.key !== "segmentKey");
  return (
    <Card className="gap-4 py-5" role="region" aria-label={`${title} table`}>
      <CardHeader className="px-5">
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        <CardAction>{exportMenu}</CardAction>
      </CardHeader>
      <CardContent className="px-5">
        {isPending ? (
          <Skeleton className="h-40 w-full" aria-label={`Loading ${title.toLowerCase()}`} />
        ) : error ? (
          <QueryErrorAlert
            title={`Couldn't load ${title.toLowerCase()}`}
            error={error}
            onRetry={onRetry}
          />
        ) : (
          <DataTable
            label={title}
            columns={columns}
            rows={table.rows}
            rowKey={(row) => String(row.segmentKey ?? row.segment)}
            defaultSort={{ key: "n", direction: "desc" }}
            filterLabel="Filter segments"
            empty={
              <EmptyState
                icon={Table2}
                title="No segments in this range"
                description="Widen the range or clear a filter to see segments."
              />
            }
          />
        )}
      </CardContent>
    </Card>
  );
}
