import { useMemo } from "react";

import { useTimeRange } from "@/features/filters";
import type { RunRangeKey } from "../api/run-keys";
import { toRunRange, type RunRange } from "../api/run-range";

/** The global time range, as the runs RPCs take it and as their query keys name it. */
export function useRunRange(): { range: RunRange; key: RunRangeKey; label: string } {
  const timeRange = useTimeRange();
  const range = toRunRange(timeRange);
  const key = useMemo<RunRangeKey>(
    () =>
      timeRange.preset === "custom"
        ? { from: timeRange.from.toISOString(), to: timeRange.to.toISOString() }
        : { preset: timeRange.preset },
    [timeRange.preset, timeRange.from, timeRange.to],
  );
  return { range, key, label: timeRange.label };
}
