import { useMemo, useState, type ReactNode } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";

import { Input } from "@/components/ui/input";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type SortValue = string | number | null;

export interface DataTableColumn<Row> {
  key: string;
  header: string;
  /** What the column sorts and filters on. */
  value: (row: Row) => SortValue;
  /** How the cell shows; the value as text when omitted. */
  cell?: (row: Row) => ReactNode;
  align?: "left" | "right";
}

export interface DataTableSort {
  key: string;
  direction: "asc" | "desc";
}

interface DataTableProps<Row> {
  /** The table's accessible name. */
  label: string;
  columns: DataTableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Controlled sort (e.g. kept in the URL); local state from `defaultSort` otherwise. */
  sort?: DataTableSort;
  defaultSort?: DataTableSort;
  onSortChange?: (sort: DataTableSort) => void;
  /** Controlled filter text; local state otherwise. */
  filter?: string;
  onFilterChange?: (filter: string) => void;
  filterLabel?: string;
  /** Shown when no row exists at all; a filter that matches nothing says so itself. */
  empty: ReactNode;
  toolbar?: ReactNode;
}

function compare(a: SortValue, b: SortValue): number {
  // Missing values sort last in both directions: they are never the answer someone looks for.
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

/** Sorts `rows` by a column, nulls last; stable, so equal values keep their order. */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly DataTableColumn<Row>[],
  sort: DataTableSort | undefined,
): Row[] {
  const column = sort && columns.find((candidate) => candidate.key === sort.key);
  if (!column || !sort) return [...rows];
  const sign = sort.direction === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return compare(a.value, b.value) || a.index - b.index;
      return sign * compare(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Rows where any column's value contains `filter`, ignoring case. */
export function filterRows<Row>(
  rows: readonly Row[],
  columns: readonly DataTableColumn<Row>[],
  filter: string,
): Row[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) =>
    columns.some((column) => {
      const value = column.value(row);
      return value !== null && String(value).toLowerCase().includes(needle);
    }),
  );
}

/** A table whose column headers sort it and whose search box filters its rows. */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  sort: controlledSort,
  defaultSort,
  onSortChange,
  filter: controlledFilter,
  onFilterChange,
  filterLabel = "Filter rows",
  empty,
  toolbar,
}: DataTableProps<Row>) {
  const [localSort, setLocalSort] = useState(defaultSort);
  const [localFilter, setLocalFilter] = useState("");
  const sort = controlledSort ?? localSort;
  const filter = controlledFilter ?? localFilter;

  const visible = useMemo(
    () => sortRows(filterRows(rows, columns, filter), columns, sort),
    [rows, columns, filter, sort],
  );

  function toggleSort(key: string) {
    // A new column starts descending: the biggest numbers are usually what matters.
    const next: DataTableSort =
      sort?.key === key
        ? { key, direction: sort.direction === "desc" ? "asc" : "desc" }
        : { key, direction: "desc" };
    setLocalSort(next);
    onSortChange?.(next);
  }

  function changeFilter(value: string) {
    setLocalFilter(value);
    onFilterChange?.(value);
  }

  if (rows.length === 0) return <>{empty}</>;

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="relative w-full max-w-xs">
          <Search
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            type="search"
            aria-label={filterLabel}
            placeholder={`${filterLabel}…`}
            value={filter}
            onChange={(event) => changeFilter(event.target.value)}
            className="h-8 pl-8"
          />
        </div>
        {toolbar}
      </div>
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const Icon = !active ? ArrowUpDown : sort.direction === "asc" ? ArrowUp : ArrowDown;
              return (
                <TableHead
                  key={column.key}
                  aria-sort={
                    active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined
                  }
                  className={cn(column.align === "right" && "text-right")}
                >
                  <button
                    type="button"
                    onClick={() => toggleSort(column.key)}
                    className={cn(
                      "inline-flex items-center gap-1 rounded-sm outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                      active && "text-foreground",
                    )}
                  >
                    {column.header}
                    <Icon className="size-3.5" aria-hidden="true" />
                  </button>
                </TableHead>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>
          {visible.length === 0 ? (
            <TableRow>
              <TableCell
                colSpan={columns.length}
                className="py-6 text-center text-muted-foreground"
              >
                No rows match “{filter.trim()}”.
              </TableCell>
            </TableRow>
          ) : (
            visible.map((row) => (
              <TableRow key={rowKey(row)}>
                {columns.map((column) => (
                  <TableCell
                    key={column.key}
                    className={cn(column.align === "right" && "text-right tabular-nums")}
                  >
                    {column.cell ? column.cell(row) : (column.value(row) ?? "—")}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
