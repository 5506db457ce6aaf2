import { useInfiniteQuery } from "@tanstack/react-query";

import { fetchRunsPage, type RunsCursor } from "../api/fetch-runs-page";
import { runKeys, type RunRangeKey } from "../api/run-keys";
import type { RunRange } from "../api/run-range";
import type { RunQueryFilters, RunSort } from "../lib/run-filters";

/**
 * The runs page by page ("Load more"). The first page fixes the range's start and every later
 * page reuses it through its cursor, so pages never overlap or skip as the clock moves.
 */
export function useRuns(
  organizationId: string,
  range: RunRange,
  rangeKey: RunRangeKey,
  filters: RunQueryFilters,
  sort: RunSort,
) {
  return useInfiniteQuery({
    queryKey: runKeys.list(organizationId, rangeKey, filters, sort),
    queryFn: ({ pageParam }) =>
      fetchRunsPage(
        organizationId,
        pageParam?.range ?? range,
        filters,
        sort,
        pageParam?.after ?? null,
      ),
    initialPageParam: null as RunsCursor | null,
    getNextPageParam: (lastPage) => lastPage.next,
  });
}
