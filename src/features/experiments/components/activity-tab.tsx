import { format, formatDistanceToNow } from "date-fns";
import { HistoryIcon } from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { summarizeAuditEntry } from "@/features/audit-log";
import { personName } from "@/features/profiles";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useExperimentActivity } from "../hooks/use-experiment-activity";

/** The audit trail of this experiment and its versions, variants, reviews and deployments. */
export function ActivityTab({ experiment }: { experiment: ExperimentDetail }) {
  const activity = useExperimentActivity(experiment);
  if (activity.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the activity">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (activity.isError) {
    return (
      <QueryErrorAlert
        title="The activity couldn't be loaded"
        error={activity.error}
        onRetry={() => activity.refetch()}
        isRetrying={activity.isFetching}
      />
    );
  }
  if (activity.data.entries.length === 0) {
    return <EmptyState icon={HistoryIcon} title="No recorded activity" />;
  }
  const { people } = activity.data;
  const namePerson = (userId: string) => {
    const profile = people.get(userId);
    return profile ? personName(profile) : undefined;
  };
  return (
    <ol aria-label="Activity" className="grid max-w-3xl gap-0 border-l pl-4">
      {activity.data.entries.map((entry) => {
        const createdAt = parseTimestamp(entry.createdAt);
        return (
          <li key={entry.id} className="relative py-2">
            <span
              aria-hidden="true"
              className="absolute top-3.5 -left-[21px] size-2.5 rounded-full border-2 border-background bg-primary"
            />
            <p className="text-sm">{summarizeAuditEntry(entry, namePerson)}</p>
            <time
              dateTime={createdAt.toISOString()}
              title={format(createdAt, "d MMM yyyy, HH:mm:ss")}
              className="text-xs text-muted-foreground"
            >
              {formatDistanceToNow(createdAt, { addSuffix: true })}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
