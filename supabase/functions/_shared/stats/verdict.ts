/**
 * The decision for one variant on one metric, with the reason in plain words. Checks run from the
 * most to the least fundamental: broken assignment, missing data, too little data, implausible
 * data, then the test itself (on the multiplicity-adjusted p-value, in the metric's good direction).
 */

export type Decision = "ship" | "keep_running" | "stop";
export type Direction = "increase" | "decrease";
export type MetricRole = "primary" | "guardrail" | "llm";

export interface Verdict {
  decision: Decision;
  reason: string;
}

export interface VerdictInput {
  label: string;
  role: MetricRole;
  direction: Direction;
  alpha: number;
  srmMismatch: boolean;
  /** Why no comparison could be computed, or null. */
  unavailableReason: string | null;
  minSampleSize: number;
  controlN: number;
  treatmentN: number;
  /** Relative change (0.12 = +12%), or null when control's mean is 0. */
  relativeEffect: number | null;
  absoluteEffect: number | null;
  adjustedPValue: number | null;
  implausible: boolean;
  /** Labels of guardrails this variant made significantly worse (only read for the primary metric). */
  failingGuardrails: readonly string[];
}

export function formatChange(relative: number | null, absolute: number | null): string {
  if (relative !== null) {
    const pct = Math.abs(relative * 100);
    return `${relative >= 0 ? "+" : "−"}${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
  }
  if (absolute !== null) return `${absolute >= 0 ? "+" : "−"}${Math.abs(absolute).toPrecision(3)}`;
  return "no change";
}

export function formatPValue(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function decideVerdict(input: VerdictInput): Verdict {
  if (input.srmMismatch) {
    return {
      decision: "stop",
      reason:
        "The traffic split does not match the allocation (sample-ratio mismatch), so no result " +
        "can be trusted. Fix assignment or logging, then restart the experiment.",
    };
  }
  if (input.unavailableReason !== null) {
    return {
      decision: "keep_running",
      reason: `Not enough data to compare yet: ${input.unavailableReason}.`,
    };
  }
  const smaller = Math.min(input.controlN, input.treatmentN);
  if (smaller < input.minSampleSize) {
    return {
      decision: "keep_running",
      reason: `Only ${smaller} observations in the smaller group; wait for at least ` +
        `${input.minSampleSize} per variant before reading this metric.`,
    };
  }
  const change = formatChange(input.relativeEffect, input.absoluteEffect);
  if (input.implausible) {
    return {
      decision: "keep_running",
      reason: `A change of ${change} is implausibly large for a single change: check how ` +
        `${input.label} is tracked before trusting it.`,
    };
  }
  const p = input.adjustedPValue ?? 1;
  const effect = input.absoluteEffect ?? 0;
  if (p >= input.alpha || effect === 0) {
    return {
      decision: "keep_running",
      reason:
        `No clear difference yet (${change}, adjusted p = ${formatPValue(p)}); the range of ` +
        "plausible effects still includes no change. Keep collecting data.",
    };
  }
  const better = input.direction === "increase" ? effect > 0 : effect < 0;
  if (!better) {
    return {
      decision: "stop",
      reason: `${input.label} got worse (${change}, adjusted p = ${formatPValue(p)}): this ` +
        "variant hurts it.",
    };
  }
  if (input.role === "primary" && input.failingGuardrails.length > 0) {
    return {
      decision: "stop",
      reason: `${input.label} improved (${change}), but ${input.failingGuardrails.join(", ")} ` +
        "got significantly worse. Do not ship as it is.",
    };
  }
  return {
    decision: "ship",
    reason: `${input.label} improved (${change}, adjusted p = ${formatPValue(p)}), beyond what ` +
      "chance explains.",
  };
}
