import { useMemo } from "react";

import { useTimeRange, useUrlFilters, type ResolvedTimeRange } from "@/features/filters";
import { type AnalyticsScope } from "../api/dashboard-keys";
import { granularityFor, previousPeriod, type Granularity } from "../lib/catalog";
import {
  dimensionFilterParams,
  toRpcFilters,
  type DimensionFilters,
} from "../lib/dashboard-params";

export interface AnalyticsView {
  range: ResolvedTimeRange;
  granularity: Granularity;
  filters: DimensionFilters;
  /** What every dashboard query is asked for: the range and the filters, as the RPCs take them. */
  scope: AnalyticsScope;
  /** The same-length period right before the range, with the same filters. */
  previousScope: AnalyticsScope;
}

/** The global time range and the dimension filters in the URL, ready for the metric RPCs. */
export function useAnalyticsScope(): AnalyticsView {
  const range = useTimeRange();
  const { values: filters } = useUrlFilters(dimensionFilterParams);
  return useMemo(() => {
    const rpcFilters = toRpcFilters(filters);
    const previous = previousPeriod(range.from, range.to);
    return {
      range,
      granularity: granularityFor(range.from, range.to),
      filters,
      scope: { from: range.from.toISOString(), to: range.to.toISOString(), filters: rpcFilters },
      previousScope: {
        from: previous.from.toISOString(),
        to: previous.to.toISOString(),
        filters: rpcFilters,
      },
    };
  }, [range, filters]);
}
