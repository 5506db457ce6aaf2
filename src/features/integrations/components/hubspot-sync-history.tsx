import type { UseQueryResult } from "@tanstack/react-query";
import { format, formatDistanceStrict } from "date-fns";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { parseTimestamp } from "@/lib/timestamps";
import type { HubspotSyncRun } from "../api/fetch-hubspot-sync-runs";
import { SYNC_STATUS } from "../lib/sync-status";

const COLUMNS = ["Started", "Trigger", "Status", "Pages", "Records", "New outcomes", "Took"];

interface HubspotSyncHistoryProps {
  runs: UseQueryResult<HubspotSyncRun[]>;
}

function RunRow({ run }: { run: HubspotSyncRun }) {
  const started = parseTimestamp(run.startedAt);
  const status = SYNC_STATUS[run.status];
  return (
    <TableRow>
      <TableCell>
        <time dateTime={started.toISOString()}>{format(started, "d MMM, HH:mm:ss")}</time>
      </TableCell>
      <TableCell>
        {run.trigger === "manual" ? "Sync now" : "Scheduled"}
        {run.fullSync && <span className="text-muted-foreground"> (everything)</span>}
      </TableCell>
      <TableCell>
        <Badge variant={status.badge} title={run.error ?? undefined}>
          {status.label}
        </Badge>
        {run.error && (
          <p className="mt-1 max-w-80 text-xs whitespace-normal text-muted-foreground">
            {run.error}
          </p>
        )}
      </TableCell>
      <TableCell className="tabular-nums">{run.pages}</TableCell>
      <TableCell className="tabular-nums">{run.records}</TableCell>
      <TableCell className="tabular-nums">{run.outcomesWritten}</TableCell>
      <TableCell className="text-muted-foreground">
        {run.finishedAt ? formatDistanceStrict(parseTimestamp(run.finishedAt), started) : "…"}
      </TableCell>
    </TableRow>
  );
}

export function HubspotSyncHistory({ runs }: HubspotSyncHistoryProps) {
  let content;
  if (runs.isPending) {
    content = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the sync history">
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-full" />
      </div>
    );
  } else if (runs.isError) {
    content = (
      <QueryErrorAlert
        title="The sync history couldn't be loaded"
        error={runs.error}
        onRetry={() => runs.refetch()}
        isRetrying={runs.isFetching}
      />
    );
  } else if (runs.data.length === 0) {
    content = <p className="text-sm text-muted-foreground">No sync has run yet.</p>;
  } else {
    content = (
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {COLUMNS.map((column) => (
              <TableHead key={column}>{column}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {runs.data.map((run) => (
            <RunRow key={run.id} run={run} />
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sync history</CardTitle>
        <CardDescription>The latest syncs, scheduled and manual.</CardDescription>
      </CardHeader>
      <CardContent>{content}</CardContent>
    </Card>
  );
}
