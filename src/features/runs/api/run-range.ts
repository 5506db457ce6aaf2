import type { TimeRange } from "@/features/filters";

/**
 * The range as the RPCs take it. A preset runs up to "now and later" (no end), so runs that
 * arrive while the page is open are not cut off at the minute the range was worked out.
 */
export interface RunRange {
  from: string;
  to: string | null;
}

export function toRunRange(range: TimeRange): RunRange {
  return {
    from: range.from.toISOString(),
    to: range.preset === "custom" ? range.to.toISOString() : null,
  };
}
