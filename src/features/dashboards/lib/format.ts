import type { MetricUnit } from "./catalog";

/** Units as words, where a metric is picked or an axis explained. */
export const UNIT_NAMES: Record<MetricUnit, string> = {
  percent: "%",
  usd: "USD",
  ms: "ms",
  count: "count",
  minutes: "minutes",
  score: "score",
  tokens: "tokens",
};

interface FormatOptions {
  /** Short forms for cards and axes (1.2K, $3.4M); tables and tooltips show more digits. */
  compact?: boolean;
}

const numberFormat = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", options);

const PERCENT = numberFormat({ style: "percent", maximumFractionDigits: 1 });
const PERCENT_PRECISE = numberFormat({ style: "percent", maximumFractionDigits: 2 });
const USD = numberFormat({ style: "currency", currency: "USD" });
const USD_SMALL = numberFormat({
  style: "currency",
  currency: "USD",
  maximumSignificantDigits: 3,
});
const USD_COMPACT = numberFormat({
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const INTEGER = numberFormat({ maximumFractionDigits: 0 });
const COMPACT = numberFormat({ notation: "compact", maximumFractionDigits: 1 });
const ONE_DECIMAL = numberFormat({ maximumFractionDigits: 1 });
const TWO_DECIMALS = numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A metric's value for people: "12.3%", "$48.20", "850 ms", "1.2K". Null reads "—". */
export function formatMetricValue(
  value: number | null | undefined,
  unit: MetricUnit,
  { compact = false }: FormatOptions = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "percent":
      return (compact ? PERCENT : PERCENT_PRECISE).format(value);
    case "usd":
      if (compact && Math.abs(value) >= 10_000) return USD_COMPACT.format(value);
      // Per-run costs are fractions of a cent: two decimals would show $0.00.
      return Math.abs(value) > 0 && Math.abs(value) < 1
        ? USD_SMALL.format(value)
        : USD.format(value);
    case "ms":
      return Math.abs(value) >= 1000
        ? `${ONE_DECIMAL.format(value / 1000)} s`
        : `${INTEGER.format(value)} ms`;
    case "minutes":
      return Math.abs(value) >= 120
        ? `${ONE_DECIMAL.format(value / 60)} h`
        : `${ONE_DECIMAL.format(value)} min`;
    case "score":
      return TWO_DECIMALS.format(value);
    case "count":
    case "tokens":
      return compact && Math.abs(value) >= 10_000 ? COMPACT.format(value) : INTEGER.format(value);
  }
}

export type ChangeTone = "good" | "bad" | "neutral";

export interface MetricChange {
  /** current − previous, in the metric's unit. */
  absolute: number | null;
  /** (current − previous) / |previous|; null when there is nothing to compare with. */
  relative: number | null;
  tone: ChangeTone;
  /** "+4.1%", "−1.2 pp" (percentage points for rates), "new", or "—". */
  label: string;
}

// Changes smaller than this are noise on a card, whichever way they go.
const NEUTRAL_BAND = 0.0005;

const signed = (text: string, value: number) =>
  value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;

/**
 * The change from the previous period, coloured by the metric's direction: a fall in latency is
 * good, a fall in conversion bad. Rates change in percentage points, everything else in percent.
 */
export function metricChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  unit: MetricUnit,
  direction: "increase" | "decrease",
): MetricChange {
  if (current === null || current === undefined || previous === null || previous === undefined) {
    return {
      absolute: null,
      relative: null,
      tone: "neutral",
      label: current !== null && current !== undefined ? "new" : "—",
    };
  }
  const absolute = current - previous;
  const relative = previous === 0 ? null : absolute / Math.abs(previous);
  // From zero, any change is a change: there is no relative size to judge it by.
  const size =
    unit === "percent" ? Math.abs(absolute) : relative === null ? Infinity : Math.abs(relative);
  const tone: ChangeTone =
    size < NEUTRAL_BAND || absolute === 0
      ? "neutral"
      : absolute > 0 === (direction === "increase")
        ? "good"
        : "bad";
  let label: string;
  if (unit === "percent")
    label = signed(`${ONE_DECIMAL.format(Math.abs(absolute) * 100)} pp`, absolute);
  else if (relative === null) label = absolute === 0 ? "0%" : "new";
  else label = signed(PERCENT.format(Math.abs(relative)), relative);
  return { absolute, relative, tone, label };
}
