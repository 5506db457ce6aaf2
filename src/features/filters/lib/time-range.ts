import {
  endOfDay,
  format,
  isSameDay,
  isSameYear,
  startOfDay,
  subDays,
  subMonths,
  subYears,
} from "date-fns";
import { z } from "zod";

import { parseIsoDate, toIsoDate } from "./iso-date";
import type { UrlFilterIssue, UrlFilterSchemas, UrlFilterValues } from "./url-filters";

export const TIME_RANGE_PRESETS = ["1D", "7D", "1M", "3M", "6M", "1Y"] as const;
export type TimeRangePreset = (typeof TIME_RANGE_PRESETS)[number];
export type TimeRangeKind = TimeRangePreset | "custom";

export const DEFAULT_TIME_RANGE_PRESET: TimeRangePreset = "7D";

export const PRESET_LABELS: Record<TimeRangePreset, string> = {
  "1D": "Last 24 hours",
  "7D": "Last 7 days",
  "1M": "Last month",
  "3M": "Last 3 months",
  "6M": "Last 6 months",
  "1Y": "Last year",
};

const PRESET_STARTS: Record<TimeRangePreset, (now: Date) => Date> = {
  "1D": (now) => subDays(now, 1),
  "7D": (now) => subDays(now, 7),
  "1M": (now) => subMonths(now, 1),
  "3M": (now) => subMonths(now, 3),
  "6M": (now) => subMonths(now, 6),
  "1Y": (now) => subYears(now, 1),
};

export function isTimeRangePreset(value: string): value is TimeRangePreset {
  return (TIME_RANGE_PRESETS as readonly string[]).includes(value);
}

const isoDateParam = z
  .string()
  .refine((value) => parseIsoDate(value) !== null, "Dates must be written as YYYY-MM-DD.");

/** The time range's search parameters: ?range=7D, or ?range=custom&from=2026-11-01&to=2026-11-15. */
export const timeRangeParams = {
  range: z.enum([...TIME_RANGE_PRESETS, "custom"]),
  from: isoDateParam,
  to: isoDateParam,
} satisfies UrlFilterSchemas;

export interface TimeRange {
  preset: TimeRangeKind;
  from: Date;
  to: Date;
  label: string;
}

export interface ResolvedTimeRange extends TimeRange {
  /** Why the URL's time range was not used, when it wasn't; the default range is shown instead. */
  warning: string | null;
}

/** "Nov 3 – Nov 15, 2026", "Dec 20, 2025 – Jan 3, 2026", or "Nov 3, 2026" for a single day. */
export function formatDayRange(from: Date, to: Date): string {
  if (isSameDay(from, to)) return format(from, "MMM d, yyyy");
  if (isSameYear(from, to)) return `${format(from, "MMM d")} – ${format(to, "MMM d, yyyy")}`;
  return `${format(from, "MMM d, yyyy")} – ${format(to, "MMM d, yyyy")}`;
}

function presetRange(preset: TimeRangePreset, now: Date): TimeRange {
  return { preset, from: PRESET_STARTS[preset](now), to: now, label: PRESET_LABELS[preset] };
}

function fallback(now: Date, warning: string): ResolvedTimeRange {
  return { ...presetRange(DEFAULT_TIME_RANGE_PRESET, now), warning };
}

const FALLBACK_NOTE = `so the ${PRESET_LABELS[DEFAULT_TIME_RANGE_PRESET].toLowerCase()} are shown`;

/**
 * Turns the URL's time range into concrete dates relative to `now`. Presets end at `now`; a
 * custom range covers whole local days, from the start of `from` to the end of `to`.
 */
export function resolveTimeRange(
  values: UrlFilterValues<typeof timeRangeParams>,
  issues: UrlFilterIssue[],
  now: Date,
): ResolvedTimeRange {
  const rangeIssue = issues.find((issue) => issue.param === "range");
  if (rangeIssue) {
    return fallback(
      now,
      `This link's time range “${rangeIssue.value}” isn't one Causeway knows, ${FALLBACK_NOTE}.`,
    );
  }
  const kind = values.range ?? DEFAULT_TIME_RANGE_PRESET;
  if (kind !== "custom") return { ...presetRange(kind, now), warning: null };

  const from = values.from ? parseIsoDate(values.from) : null;
  const to = values.to ? parseIsoDate(values.to) : null;
  if (!from || !to) {
    return fallback(
      now,
      `This link's custom range needs a valid start and end date (YYYY-MM-DD), ${FALLBACK_NOTE}.`,
    );
  }
  if (from > to) {
    return fallback(now, `This link's custom range starts after it ends, ${FALLBACK_NOTE}.`);
  }
  if (to > startOfDay(now)) {
    return fallback(now, `This link's custom range ends after today, ${FALLBACK_NOTE}.`);
  }
  return {
    preset: "custom",
    from: startOfDay(from),
    to: endOfDay(to),
    label: formatDayRange(from, to),
    warning: null,
  };
}

/** The days a range covers, as the custom-range form's initial values. */
export function rangeAsIsoDates(range: TimeRange): { from: string; to: string } {
  return { from: toIsoDate(range.from), to: toIsoDate(range.to) };
}
