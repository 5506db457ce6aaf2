import { useMemo } from "react";

import { resolveTimeRange, timeRangeParams, type ResolvedTimeRange } from "../lib/time-range";
import { useCurrentMinute } from "./use-current-minute";
import { useUrlFilters } from "./use-url-filters";

/**
 * The time range selected in the URL (?range=…&from=…&to=…), resolved to dates: `from`/`to`,
 * the preset ("7D", or "custom"), a label ("Last 7 days") and a warning when the URL's range was
 * invalid and the default is shown instead.
 */
export function useTimeRange(): ResolvedTimeRange {
  const { values, issues } = useUrlFilters(timeRangeParams);
  const minute = useCurrentMinute();
  return useMemo(
    () => resolveTimeRange(values, issues, new Date(minute)),
    [values, issues, minute],
  );
}
