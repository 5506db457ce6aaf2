import { format, formatDistanceToNow } from "date-fns";
import { InboxIcon } from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
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
import { RECENT_OUTCOMES_LIMIT, type RecordedOutcome } from "../api/fetch-recent-outcomes";
import { useRecentOutcomes } from "../hooks/use-recent-outcomes";

const SOURCE_LABELS: Record<RecordedOutcome["source"], string> = {
  api: "API",
  csv: "CSV",
  manual: "Manual",
  webhook: "Webhook",
  hubspot: "HubSpot",
};

const COLUMNS = ["Metric", "Value", "Occurred", "Linked to", "Source", "Recorded"];

/** What the outcome is linked to, most specific first. */
function linkOf(outcome: RecordedOutcome): string {
  if (outcome.runId) return `Run ${outcome.runId.slice(0, 8)}`;
  if (outcome.runExternalId) return `Run ${outcome.runExternalId}`;
  if (outcome.conversationId) return `Conversation ${outcome.conversationId}`;
  if (outcome.endUserId) return `End user ${outcome.endUserId}`;
  return `Account ${outcome.account ?? ""}`;
}

function Head() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        {COLUMNS.map((column) => (
          <TableHead key={column}>{column}</TableHead>
        ))}
      </TableRow>
    </TableHeader>
  );
}

export function RecentOutcomes({ organizationId }: { organizationId: string }) {
  const outcomes = useRecentOutcomes(organizationId);

  if (outcomes.isPending) {
    return (
      <Table aria-busy="true" aria-label="Loading recent outcomes">
        <Head />
        <TableBody>
          {Array.from({ length: 4 }, (_, row) => (
            <TableRow key={row} className="hover:bg-transparent">
              {COLUMNS.map((column) => (
                <TableCell key={column}>
                  <Skeleton className="h-4 w-20" />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  if (outcomes.isError) {
    return (
      <QueryErrorAlert
        title="The recent outcomes couldn't be loaded"
        error={outcomes.error}
        onRetry={() => outcomes.refetch()}
        isRetrying={outcomes.isFetching}
      />
    );
  }
  if (outcomes.data.length === 0) {
    return (
      <EmptyState
        icon={InboxIcon}
        title="No outcomes yet"
        description="Outcomes arrive from your backend through the ingest API, from signed webhooks, from HubSpot, or from a CSV file or the form above."
      />
    );
  }
  return (
    <div className="rounded-xl border">
      <Table aria-label="Recent outcomes">
        <Head />
        <TableBody>
          {outcomes.data.map((outcome) => {
            const occurred = parseTimestamp(outcome.occurredAt);
            const received = parseTimestamp(outcome.receivedAt);
            return (
              <TableRow key={outcome.id}>
                <TableCell className="font-mono text-xs">{outcome.metricKey}</TableCell>
                <TableCell className="tabular-nums">{outcome.value.toLocaleString()}</TableCell>
                <TableCell>
                  <time dateTime={occurred.toISOString()}>
                    {format(occurred, "d MMM yyyy, HH:mm")}
                  </time>
                </TableCell>
                <TableCell className="max-w-56 truncate">{linkOf(outcome)}</TableCell>
                <TableCell>
                  <Badge variant="outline">{SOURCE_LABELS[outcome.source]}</Badge>
                </TableCell>
                <TableCell>
                  <time
                    dateTime={received.toISOString()}
                    title={format(received, "d MMM yyyy, HH:mm")}
                  >
                    {formatDistanceToNow(received, { addSuffix: true })}
                  </time>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {outcomes.data.length === RECENT_OUTCOMES_LIMIT && (
        <p className="border-t px-4 py-2 text-xs text-muted-foreground">
          The {RECENT_OUTCOMES_LIMIT} most recently recorded.
        </p>
      )}
    </div>
  );
}
