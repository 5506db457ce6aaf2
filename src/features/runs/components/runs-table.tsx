import type { KeyboardEvent } from "react";
import { Link } from "react-router-dom";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { useCurrentOrganization } from "@/features/organizations";
import type { RunSummary } from "../api/fetch-runs-page";
import { formatCost, formatLatency, formatMode, formatRunTime, formatTokens } from "../lib/format";
import { isDescending, sortColumn, type RunSort, type SortColumn } from "../lib/run-filters";
import { RunStatusBadge } from "./run-status-badge";

const SKELETON_ROWS = 10;

interface SortableHeadProps {
  column: SortColumn;
  label: string;
  sort: RunSort;
  onSort?: (column: SortColumn) => void;
  className?: string;
}

function SortableHead({ column, label, sort, onSort, className }: SortableHeadProps) {
  const active = sortColumn(sort) === column;
  const descending = isDescending(sort);
  const Icon = !active ? ArrowUpDown : descending ? ArrowDown : ArrowUp;
  return (
    <TableHead
      className={className}
      aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
    >
      {onSort ? (
        <button
          type="button"
          className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          onClick={() => onSort(column)}
        >
          {label}
          <Icon className="size-3.5" aria-hidden="true" />
          <span className="sr-only">
            {active ? `, sorted ${descending ? "descending" : "ascending"}` : ", sort"}
          </span>
        </button>
      ) : (
        label
      )}
    </TableHead>
  );
}

function RunsHead({ sort, onSort }: { sort: RunSort; onSort?: (column: SortColumn) => void }) {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        <SortableHead column="time" label="Time" sort={sort} onSort={onSort} />
        <TableHead>Capability / intent</TableHead>
        <TableHead>Model</TableHead>
        <TableHead className="hidden xl:table-cell">Version / variant</TableHead>
        <TableHead>Status</TableHead>
        <SortableHead
          column="latency"
          label="Latency"
          sort={sort}
          onSort={onSort}
          className="text-right"
        />
        <TableHead className="hidden text-right lg:table-cell">Tokens in → out</TableHead>
        <SortableHead
          column="cost"
          label="Cost"
          sort={sort}
          onSort={onSort}
          className="text-right"
        />
        {/* Only on wide screens: with them a 1366 px laptop would have to scroll sideways. */}
        <TableHead className="hidden 2xl:table-cell">Mode</TableHead>
        <TableHead className="hidden 2xl:table-cell">Account</TableHead>
      </TableRow>
    </TableHeader>
  );
}

export function RunsTableSkeleton({ sort }: { sort: RunSort }) {
  return (
    <div className="rounded-xl border">
      <Table aria-busy="true" aria-label="Loading runs">
        <RunsHead sort={sort} />
        <TableBody>
          {Array.from({ length: SKELETON_ROWS }, (_, index) => (
            <TableRow key={index} className="hover:bg-transparent">
              <TableCell>
                <Skeleton className="h-4 w-36" />
              </TableCell>
              <TableCell>
                <Skeleton className="h-4 w-32" />
                <Skeleton className="mt-1.5 h-3 w-20" />
              </TableCell>
              <TableCell>
                <Skeleton className="h-4 w-24" />
              </TableCell>
              <TableCell className="hidden xl:table-cell">
                <Skeleton className="h-4 w-28" />
              </TableCell>
              <TableCell>
                <Skeleton className="h-5 w-12" />
              </TableCell>
              <TableCell>
                <Skeleton className="ml-auto h-4 w-14" />
              </TableCell>
              <TableCell className="hidden lg:table-cell">
                <Skeleton className="ml-auto h-4 w-20" />
              </TableCell>
              <TableCell>
                <Skeleton className="ml-auto h-4 w-14" />
              </TableCell>
              <TableCell className="hidden 2xl:table-cell">
                <Skeleton className="h-4 w-16" />
              </TableCell>
              <TableCell className="hidden 2xl:table-cell">
                <Skeleton className="h-4 w-20" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The version as the filters and the experiment pages name it, "<experiment> · v3", linked. */
function VersionLabel({ run }: { run: RunSummary }) {
  const { organization } = useCurrentOrganization();
  if (!run.versionId) return <>—</>;
  if (run.versionNumber === null) return <>Unknown version</>;
  const experiment = run.versionExperiment;
  const label = [experiment?.name, `v${run.versionNumber}`].filter(Boolean).join(" · ");
  if (!experiment) return <>{label}</>;
  return (
    <Link
      to={`/o/${organization.slug}/experiments/${experiment.id}?tab=versions`}
      className="rounded-sm underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
      // The row opens the run's drawer on click and Enter; the link goes to the version instead.
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {label}
    </Link>
  );
}

interface RunsTableProps {
  runs: RunSummary[];
  sort: RunSort;
  onSort(column: SortColumn): void;
  onOpen(runId: string): void;
  selectedRunId: string | undefined;
}

/** The runs; a row opens its detail on click, Enter or Space (rows are in the tab order). */
export function RunsTable({ runs, sort, onSort, onOpen, selectedRunId }: RunsTableProps) {
  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, runId: string) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(runId);
    }
  }

  return (
    <div className="rounded-xl border">
      <Table aria-label="Runs">
        <RunsHead sort={sort} onSort={onSort} />
        <TableBody>
          {runs.map((run) => (
            <TableRow
              key={run.id}
              tabIndex={0}
              data-selected={run.id === selectedRunId || undefined}
              data-run-id={run.id}
              className="cursor-pointer focus-visible:bg-accent/60 focus-visible:outline-2 focus-visible:outline-ring data-selected:bg-accent/40"
              onClick={() => onOpen(run.id)}
              onKeyDown={(event) => onKeyDown(event, run.id)}
            >
              <TableCell className="whitespace-nowrap tabular-nums">
                {formatRunTime(run.occurredAt)}
              </TableCell>
              <TableCell className="whitespace-normal">
                <div className="font-medium whitespace-nowrap">
                  {run.capabilityName ?? run.capability ?? "—"}
                </div>
                {(run.intent || run.action) && (
                  <div className="text-xs text-muted-foreground">
                    {[run.intentName ?? run.intent, run.action].filter(Boolean).join(" · ")}
                  </div>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">{run.model ?? "—"}</TableCell>
              <TableCell className="hidden min-w-48 whitespace-normal xl:table-cell">
                <div>
                  <VersionLabel run={run} />
                </div>
                {run.variantLabel && (
                  <div className="text-xs text-muted-foreground">{run.variantLabel}</div>
                )}
              </TableCell>
              <TableCell>
                <RunStatusBadge status={run.status} />
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatLatency(run.latencyMs)}
              </TableCell>
              <TableCell className="hidden text-right whitespace-nowrap tabular-nums lg:table-cell">
                {formatTokens(run.tokensIn, run.tokensOut)}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {formatCost(run.costUsd)}
              </TableCell>
              <TableCell className="hidden 2xl:table-cell">{formatMode(run.isManual)}</TableCell>
              <TableCell className="hidden max-w-40 truncate 2xl:table-cell">
                {run.account ?? "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
