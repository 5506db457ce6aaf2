import type { Metric } from "@shared/analytics/catalog.ts";
import type { Decomposition, SegmentContribution } from "@shared/analytics/decomposition.ts";

export interface ChangeExplanation {
  headline: string;
  /** Mix and rate in one sentence each; absent for additive metrics, which have no mix. */
  mix: string | null;
  rate: string | null;
  /** The segments that explain most of the change, in plain words. */
  drivers: string[];
}

type Format = (value: number | null, unit: Metric["unit"]) => string;

const PP = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const SHARE = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });

/** A change in the metric's unit, signed; rates in percentage points. */
export function formatDelta(delta: number, unit: Metric["unit"], format: Format): string {
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  if (unit === "percent") return `${sign}${PP.format(Math.abs(delta) * 100)} pp`;
  return `${sign}${format(Math.abs(delta), unit)}`;
}

/**
 * Sentences a product manager can read out: what changed, how much of it is traffic moving
 * between segments (mix) and how much is segments performing differently (rate), and which
 * segments drove it.
 */
export function explainChange(
  decomposition: Decomposition,
  metric: Metric,
  segmentLabel: (segment: string) => string,
  format: Format,
  dimensionLabel: string,
): ChangeExplanation | null {
  const { baseline, current, change } = decomposition;
  if (baseline === null || current === null || change === null) return null;
  const verb = change > 0 ? "rose" : change < 0 ? "fell" : "held";
  const headline =
    change === 0
      ? `${metric.label} held at ${format(current, metric.unit)}.`
      : `${metric.label} ${verb} from ${format(baseline, metric.unit)} to ${format(current, metric.unit)} (${formatDelta(change, metric.unit, format)}).`;
  const additive = metric.aggregation === "sum" || metric.aggregation === "count";
  const drivers = decomposition.segments
    .filter((s) => s.total !== 0)
    .slice(0, 3)
    .map((s) => describeDriver(s, metric, segmentLabel(s.segment), format, additive));
  return {
    headline,
    mix: additive
      ? null
      : `${formatDelta(decomposition.mix, metric.unit, format)} from traffic moving between ${dimensionLabel.toLowerCase()} segments (mix).`,
    rate: additive
      ? null
      : `${formatDelta(decomposition.rate, metric.unit, format)} from segments performing differently (rate).`,
    drivers,
  };
}

function describeDriver(
  s: SegmentContribution,
  metric: Metric,
  label: string,
  format: Format,
  additive: boolean,
): string {
  const total = formatDelta(s.total, metric.unit, format);
  if (additive) {
    return `${label}: ${format(s.baselineValue ?? 0, metric.unit)} → ${format(s.currentValue ?? 0, metric.unit)} (${total}).`;
  }
  const parts: string[] = [];
  if (Math.abs(s.rate) >= Math.abs(s.mix)) {
    parts.push(
      `its ${metric.label.toLowerCase()} went from ${format(s.baselineValue, metric.unit)} to ${format(s.currentValue, metric.unit)}`,
    );
  }
  if (s.mix !== 0 && Math.abs(s.mix) * 4 >= Math.abs(s.rate)) {
    const value = s.currentShare > 0 ? s.currentValue : s.baselineValue;
    parts.push(
      `its share of traffic went from ${SHARE.format(s.baselineShare)} to ${SHARE.format(s.currentShare)} (${metric.label.toLowerCase()} there: ${format(value, metric.unit)})`,
    );
  }
  return `${label} explains ${total}: ${parts.join(", and ")}.`;
}
