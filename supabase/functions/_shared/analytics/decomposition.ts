/**
 * "Why did it change?": splits the change of a metric between two periods across the segments of
 * one dimension.
 *
 * For a metric that is a weighted average over segments (a rate or a mean: M = Σ wᵢ·rᵢ, with
 * wᵢ the segment's share of the sample), the change is split exactly into
 *   mix  = Σ Δwᵢ · (r̄ᵢ − M̄)   traffic moved towards better or worse segments, and
 *   rate = Σ w̄ᵢ · Δrᵢ          segments themselves performed differently,
 * where x̄ is the average of the two periods. This is the symmetric (Shapley) split, so the
 * order of the periods does not bias it. Centring the mix term on M̄ changes no total (Σ Δwᵢ = 0)
 * but makes each segment's share meaningful: gaining traffic only hurts if the segment is worse
 * than average.
 *
 * For additive metrics (counts, sums such as cost) the change is simply the sum of each
 * segment's own change, all of it reported as rate (there is no mix for a total).
 */

export interface SegmentPeriods {
  segment: string;
  /** Sample size and metric value in the earlier (baseline) period. */
  baselineN: number;
  baselineValue: number | null;
  /** Sample size and metric value in the later (current) period. */
  currentN: number;
  currentValue: number | null;
}

export interface SegmentContribution {
  segment: string;
  mix: number;
  rate: number;
  total: number;
  baselineShare: number;
  currentShare: number;
  baselineValue: number | null;
  currentValue: number | null;
}

export interface Decomposition {
  baseline: number | null;
  current: number | null;
  change: number | null;
  mix: number;
  rate: number;
  /** Largest absolute contribution first. */
  segments: SegmentContribution[];
}

export type DecompositionKind = "average" | "additive";

export function decomposeChange(
  rows: readonly SegmentPeriods[],
  kind: DecompositionKind,
): Decomposition {
  return kind === "additive" ? additive(rows) : average(rows);
}

function average(rows: readonly SegmentPeriods[]): Decomposition {
  const baselineTotal = sum(rows.map((r) => (r.baselineValue === null ? 0 : r.baselineN)));
  const currentTotal = sum(rows.map((r) => (r.currentValue === null ? 0 : r.currentN)));
  const weighted = (total: number, pick: (r: SegmentPeriods) => [number, number | null]) =>
    total === 0 ? null : sum(rows.map((r) => {
      const [n, value] = pick(r);
      return value === null ? 0 : n * value;
    })) / total;
  const baseline = weighted(baselineTotal, (r) => [r.baselineN, r.baselineValue]);
  const current = weighted(currentTotal, (r) => [r.currentN, r.currentValue]);
  if (baseline === null || current === null) {
    return {
      baseline,
      current,
      change: null,
      mix: 0,
      rate: 0,
      segments: rows.map((r) => ({
        segment: r.segment,
        mix: 0,
        rate: 0,
        total: 0,
        baselineShare: share(r.baselineN, r.baselineValue, baselineTotal),
        currentShare: share(r.currentN, r.currentValue, currentTotal),
        baselineValue: r.baselineValue,
        currentValue: r.currentValue,
      })),
    };
  }
  const overallMean = (baseline + current) / 2;
  const segments = rows.map((r): SegmentContribution => {
    const w0 = share(r.baselineN, r.baselineValue, baselineTotal);
    const w1 = share(r.currentN, r.currentValue, currentTotal);
    // A segment present in one period only has no rate change; all of its effect is mix.
    const r0 = r.baselineValue ?? r.currentValue ?? 0;
    const r1 = r.currentValue ?? r.baselineValue ?? 0;
    const mix = (w1 - w0) * ((r0 + r1) / 2 - overallMean);
    const rate = ((w0 + w1) / 2) * (r1 - r0);
    return {
      segment: r.segment,
      mix,
      rate,
      total: mix + rate,
      baselineShare: w0,
      currentShare: w1,
      baselineValue: r.baselineValue,
      currentValue: r.currentValue,
    };
  });
  return finish(baseline, current, segments);
}

function additive(rows: readonly SegmentPeriods[]): Decomposition {
  const baselineTotal = sum(rows.map((r) => r.baselineValue ?? 0));
  const currentTotal = sum(rows.map((r) => r.currentValue ?? 0));
  const segments = rows.map((r): SegmentContribution => {
    const change = (r.currentValue ?? 0) - (r.baselineValue ?? 0);
    return {
      segment: r.segment,
      mix: 0,
      rate: change,
      total: change,
      baselineShare: baselineTotal === 0 ? 0 : (r.baselineValue ?? 0) / baselineTotal,
      currentShare: currentTotal === 0 ? 0 : (r.currentValue ?? 0) / currentTotal,
      baselineValue: r.baselineValue,
      currentValue: r.currentValue,
    };
  });
  return finish(baselineTotal, currentTotal, segments);
}

function finish(
  baseline: number,
  current: number,
  segments: SegmentContribution[],
): Decomposition {
  return {
    baseline,
    current,
    change: current - baseline,
    mix: sum(segments.map((s) => s.mix)),
    rate: sum(segments.map((s) => s.rate)),
    segments: segments.sort((a, b) => Math.abs(b.total) - Math.abs(a.total)),
  };
}

function share(n: number, value: number | null, total: number): number {
  return value === null || total === 0 ? 0 : n / total;
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

export interface WaterfallStep {
  label: string;
  /** Bar start and end on the value axis. */
  start: number;
  end: number;
  kind: "baseline" | "increase" | "decrease" | "current";
}

/**
 * Waterfall bars from baseline to current: the `top` largest segment contributions, the rest
 * folded into one "Other segments" step, so the bars always add up to the current value.
 * `label` names a segment's bar (its name for people rather than its stored value).
 */
export function waterfallSteps(
  decomposition: Decomposition,
  { top = 6, label = (segment: string) => segment }: {
    top?: number;
    label?: (segment: string) => string;
  } = {},
): WaterfallStep[] {
  const { baseline, current, segments } = decomposition;
  if (baseline === null || current === null) return [];
  const steps: WaterfallStep[] = [
    { label: "Previous period", start: 0, end: baseline, kind: "baseline" },
  ];
  let level = baseline;
  const push = (label: string, delta: number) => {
    steps.push({
      label,
      start: level,
      end: level + delta,
      kind: delta >= 0 ? "increase" : "decrease",
    });
    level += delta;
  };
  for (const segment of segments.slice(0, top)) push(label(segment.segment), segment.total);
  const rest = segments.slice(top);
  if (rest.length > 0) push(`Other segments (${rest.length})`, sum(rest.map((s) => s.total)));
  steps.push({ label: "This period", start: 0, end: current, kind: "current" });
  return steps;
}
