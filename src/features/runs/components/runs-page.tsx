import { AlertTriangle, FilterX, RotateCw } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import { runKeys } from "../api/run-keys";
import { useRunFilterOptions } from "../hooks/use-run-filter-options";
import { useRunFilters } from "../hooks/use-run-filters";
import { useRunRange } from "../hooks/use-run-range";
import { useRuns } from "../hooks/use-runs";
import { useSelectedRun } from "../hooks/use-selected-run";
import { activeFilterCount, CLEAR_FILTERS, nextSort, type SortColumn } from "../lib/run-filters";
import { NoRunsYet } from "./no-runs-yet";
import { RunDetailSheet } from "./run-detail-sheet";
import { RunsFilters } from "./runs-filters";
import { RunsTable, RunsTableSkeleton } from "./runs-table";

export function RunsPage() {
  const { organization } = useCurrentOrganization();
  const queryClient = useQueryClient();
  const { values, issues, setFilters, queryFilters, sort } = useRunFilters();
  const { range, key: rangeKey, label: rangeLabel } = useRunRange();
  const runs = useRuns(organization.id, range, rangeKey, queryFilters, sort);
  const options = useRunFilterOptions(organization.id, range, rangeKey);
  const selected = useSelectedRun();
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = activeFilterCount(values) > 0;

  function onSort(column: SortColumn) {
    const next = nextSort(sort, column);
    setFilters({ sort: next === "newest" ? null : next });
  }

  // From the first page again, with the range's start moved up to now.
  function refresh() {
    void queryClient.resetQueries({ queryKey: runKeys.organization(organization.id) });
  }

  let body;
  if (runs.isPending) {
    body = <RunsTableSkeleton sort={sort} />;
  } else if (!runs.data) {
    body = (
      <QueryErrorAlert
        title="The runs couldn't be loaded"
        error={runs.error}
        onRetry={() => runs.refetch()}
        isRetrying={runs.isFetching}
      />
    );
  } else if (rows.length === 0) {
    if (filtered) {
      body = (
        <EmptyState
          icon={FilterX}
          title="No runs match these filters"
          description={`Nothing in ${rangeLabel.toLowerCase()} matches every filter. Remove a filter or pick a longer time range.`}
          action={
            <Button variant="outline" onClick={() => setFilters(CLEAR_FILTERS)}>
              Clear filters
            </Button>
          }
        />
      );
    } else if (options.data?.hasRuns === false) {
      body = <NoRunsYet />;
    } else {
      body = (
        <EmptyState
          icon={FilterX}
          title={`No runs in ${rangeLabel.toLowerCase()}`}
          description="Runs from earlier are still here: pick a longer time range in the top bar."
        />
      );
    }
  } else {
    body = (
      <div className="grid grid-cols-1 gap-4">
        <RunsTable
          runs={rows}
          sort={sort}
          onSort={onSort}
          onOpen={selected.open}
          selectedRunId={selected.runId}
        />
        <div className="flex justify-center">
          {runs.hasNextPage ? (
            <Button
              variant="outline"
              onClick={() => runs.fetchNextPage()}
              disabled={runs.isFetchingNextPage}
            >
              {runs.isFetchingNextPage && <Spinner label="Loading more runs" />}
              Load more
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">
              That's every matching run in {rangeLabel.toLowerCase()} ({rows.length}).
            </p>
          )}
        </div>
        {runs.isFetchNextPageError && (
          <QueryErrorAlert
            title="More runs couldn't be loaded"
            error={runs.error}
            onRetry={() => runs.fetchNextPage()}
            isRetrying={runs.isFetchingNextPage}
          />
        )}
      </div>
    );
  }

  return (
    <div>
      <title>{`Runs · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Runs"
        description={`Every LLM call and agent run ${organization.name} has sent, in ${rangeLabel.toLowerCase()}. Open a run for its prompt, response, tool calls, feedback and outcomes.`}
        actions={
          <Button variant="outline" onClick={refresh} disabled={runs.isFetching}>
            <RotateCw className={runs.isFetching ? "animate-spin" : undefined} aria-hidden="true" />
            Refresh
          </Button>
        }
      />
      <div className="mb-4 space-y-2">
        <RunsFilters values={values} options={options.data} onChange={setFilters} />
        {issues.map((issue) => (
          <p
            key={issue.param}
            role="status"
            className="flex items-center gap-2 text-xs text-foreground"
          >
            <AlertTriangle className="size-3.5 shrink-0 text-warning" aria-hidden="true" />
            This link's {issue.param} filter “{issue.value}” was ignored: {issue.message}
          </p>
        ))}
        {options.isError && (
          <p role="status" className="text-xs text-muted-foreground">
            The filter lists couldn't be loaded ({options.error.message}); filters from links still
            apply.
          </p>
        )}
        {options.data?.sampled && (
          <p className="text-xs text-muted-foreground">
            The filter lists come from the range's most recent 20,000 runs.
          </p>
        )}
      </div>
      {body}
      <RunDetailSheet runId={selected.runId} onClose={selected.close} />
    </div>
  );
}
