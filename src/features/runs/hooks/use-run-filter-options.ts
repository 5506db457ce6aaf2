import { useQuery } from "@tanstack/react-query";

import { fetchRunFilterOptions } from "../api/fetch-run-filter-options";
import { runKeys, type RunRangeKey } from "../api/run-keys";
import type { RunRange } from "../api/run-range";

/** The values the filters offer in the current range; they change slowly, so cached a while. */
export function useRunFilterOptions(
  organizationId: string,
  range: RunRange,
  rangeKey: RunRangeKey,
) {
  return useQuery({
    queryKey: runKeys.options(organizationId, rangeKey),
    queryFn: () => fetchRunFilterOptions(organizationId, range),
    staleTime: 5 * 60_000,
  });
}
