/**
 * The whole results of an experiment from the per-variant sufficient statistics the database
 * returns (experiment_metric_stats): every variant against control on every metric, one
 * multiple-comparison correction across all of those tests, the SRM check and a verdict each.
 * With CUPED, metrics are compared on unit-level means adjusted with the pre-period
 * (experiment_cuped_stats), see ./cuped.ts.
 */
import { compareArms, type Comparison, notComparableReason } from "./compare.ts";
import { adjustPValues, type CorrectionMethod } from "./corrections.ts";
import { cupedAdjust, cupedArmFromRow, type CupedStatsRow } from "./cuped.ts";
import { type ArmMoments, armMoments, type MetricKind, type SufficientStats } from "./moments.ts";
import { DEFAULT_SEQUENTIAL_TUNING } from "./sequential.ts";
import { DEFAULT_SRM_THRESHOLD, srmCheck, type SrmResult } from "./srm.ts";
import { decideVerdict, type Direction, type MetricRole, type Verdict } from "./verdict.ts";

export interface MetricSpec {
  key: string;
  label: string;
  kind: MetricKind;
  direction: Direction;
  role: MetricRole;
}

export interface VariantSpec {
  id: string;
  name: string;
  isControl: boolean;
  /** Allocation weight (any scale, e.g. basis points). */
  weight: number;
}

/** One row of experiment_metric_stats, numbers parsed. */
export interface MetricStatsRow {
  variantId: string;
  metric: string;
  n: number;
  sum: number;
  sumSq: number;
  exposures: number | null;
}

export interface AnalysisOptions {
  alpha: number;
  correction: CorrectionMethod;
  sequential: boolean;
  /** Total sample size where the confidence sequence is tightest (GrowthBook's N*). */
  sequentialTuning: number;
  /** Compare on unit-level means adjusted with the pre-period; needs ExperimentInput.cupedRows. */
  cuped: boolean;
  /** Below this many observations in either arm, a metric is not read. */
  minSampleSize: number;
  /** A relative change beyond ±this (0.5 = ±50%) is flagged as implausible. */
  maxPlausibleLift: number;
  srmThreshold: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  alpha: 0.05,
  correction: "holm",
  sequential: false,
  sequentialTuning: DEFAULT_SEQUENTIAL_TUNING,
  cuped: false,
  minSampleSize: 100,
  maxPlausibleLift: 0.5,
  srmThreshold: DEFAULT_SRM_THRESHOLD,
};

/** Observations per arm and their mean; with CUPED applied, units and the mean of their means. */
export interface ArmSummary {
  n: number;
  mean: number;
}

/** What CUPED did to one comparison. */
export type CupedOutcome =
  | { applied: true; theta: number; varianceReduction: number; unitsWithPre: number }
  /** Not applied: the comparison is the usual per-observation one, for this reason. */
  | { applied: false; reason: string };

export interface VariantComparison {
  variant: VariantSpec;
  control: ArmSummary;
  treatment: ArmSummary;
  comparison: Comparison | null;
  unavailableReason: string | null;
  adjustedPValue: number | null;
  /** Posterior probability that the variant is better, in the metric's good direction. */
  chanceToBeat: number | null;
  /** Null when CUPED is off. */
  cuped: CupedOutcome | null;
  lowSample: boolean;
  implausible: boolean;
  verdict: Verdict;
}

export interface MetricAnalysis {
  metric: MetricSpec;
  variants: VariantComparison[];
}

export interface ExperimentAnalysis {
  options: AnalysisOptions;
  control: VariantSpec | null;
  srm: SrmResult | null;
  metrics: MetricAnalysis[];
  /** Per variant: the primary metric's verdict (which accounts for guardrails), if there is one. */
  summary: { variant: VariantSpec; verdict: Verdict }[];
  /** No observation at all yet for any metric of any variant. */
  empty: boolean;
}

export interface ExperimentInput {
  variants: VariantSpec[];
  metrics: MetricSpec[];
  rows: MetricStatsRow[];
  /** Unit-level rows of experiment_cuped_stats, used when options.cuped is on. */
  cupedRows?: readonly CupedStatsRow[];
  options?: Partial<AnalysisOptions>;
}

const ROLE_ORDER: Record<MetricRole, number> = { primary: 0, guardrail: 1, llm: 2 };

const EMPTY_ROW = (variantId: string, metric: string): MetricStatsRow => ({
  variantId,
  metric,
  n: 0,
  sum: 0,
  sumSq: 0,
  exposures: null,
});

const EMPTY_CUPED_ROW = (variantId: string, metric: string): CupedStatsRow => ({
  variantId,
  metric,
  units: 0,
  sum: 0,
  sumSq: 0,
  preSum: 0,
  preSumSq: 0,
  sumPrePost: 0,
  unitsWithPre: 0,
});

const key = (variantId: string, metric: string) => `${variantId}\u0000${metric}`;

/** The arms of one comparison: what is shown, and the moments that are tested. */
interface Arms {
  c: SufficientStats;
  t: SufficientStats;
  controlMoments: ArmMoments;
  treatmentMoments: ArmMoments;
  kind: MetricKind;
  cuped: CupedOutcome | null;
}

function perObservation(
  c: MetricStatsRow,
  t: MetricStatsRow,
  kind: MetricKind,
  cuped: CupedOutcome | null,
): Arms {
  return {
    c,
    t,
    controlMoments: armMoments(c, kind),
    treatmentMoments: armMoments(t, kind),
    kind,
    cuped,
  };
}

/** Unit-level CUPED when some unit has pre-period data, else the usual comparison and why. */
function withCuped(
  metric: MetricSpec,
  c: MetricStatsRow,
  t: MetricStatsRow,
  cc: CupedStatsRow,
  ct: CupedStatsRow,
): Arms {
  if (cc.units === 0 || ct.units === 0) {
    return perObservation(c, t, metric.kind, {
      applied: false,
      reason: "no observation could be tied to an exposed unit (runs need end_user_id set to " +
        "the unit_id the variant was served to)",
    });
  }
  if (cc.unitsWithPre + ct.unitsWithPre === 0) {
    return perObservation(c, t, metric.kind, {
      applied: false,
      reason: `none of these units had ${metric.label.toLowerCase()} data before the ` +
        "experiment started",
    });
  }
  const adjustment = cupedAdjust(cupedArmFromRow(cc), cupedArmFromRow(ct));
  return {
    c: { n: cc.units, sum: cc.sum, sumSq: cc.sumSq },
    t: { n: ct.units, sum: ct.sum, sumSq: ct.sumSq },
    controlMoments: adjustment.control,
    treatmentMoments: adjustment.treatment,
    // Each unit's own rate is a number between 0 and 1, not a 0/1 outcome: compared as a mean.
    kind: "mean",
    cuped: {
      applied: true,
      theta: adjustment.theta,
      varianceReduction: adjustment.varianceReduction,
      unitsWithPre: cc.unitsWithPre + ct.unitsWithPre,
    },
  };
}

/** Exposures per variant: the RPC repeats the count on each metric row, so take the largest. */
function exposuresByVariant(rows: readonly MetricStatsRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    if (row.exposures === null) continue;
    out.set(row.variantId, Math.max(out.get(row.variantId) ?? 0, row.exposures));
  }
  return out;
}

export function analyzeExperiment(input: ExperimentInput): ExperimentAnalysis {
  const options: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS, ...input.options };
  const control = input.variants.find((v) => v.isControl) ?? null;
  const treatments = input.variants.filter((v) => !v.isControl);
  const rowFor = new Map(input.rows.map((r) => [key(r.variantId, r.metric), r]));
  const get = (variantId: string, metric: string) =>
    rowFor.get(key(variantId, metric)) ?? EMPTY_ROW(variantId, metric);
  const cupedFor = new Map((input.cupedRows ?? []).map((r) => [key(r.variantId, r.metric), r]));
  const getCuped = (variantId: string, metric: string) =>
    cupedFor.get(key(variantId, metric)) ?? EMPTY_CUPED_ROW(variantId, metric);

  const exposures = exposuresByVariant(input.rows);
  const srm = exposures.size === 0 ? null : srmCheck(
    input.variants.map((v) => exposures.get(v.id) ?? 0),
    input.variants.map((v) => v.weight),
    options.srmThreshold,
  );
  const srmMismatch = srm?.mismatch ?? false;

  const metrics = [...input.metrics].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);

  // First pass: every comparison, so the correction can see all p-values at once.
  const draft = metrics.map((metric) => ({
    metric,
    variants: treatments.map((variant) => {
      const controlId = control?.id ?? "";
      const c = get(controlId, metric.key);
      const t = get(variant.id, metric.key);
      const arms = options.cuped && control !== null
        ? withCuped(metric, c, t, getCuped(controlId, metric.key), getCuped(variant.id, metric.key))
        : perObservation(c, t, metric.kind, null);
      const unavailableReason = control === null
        ? "the experiment has no control variant"
        : notComparableReason(arms.controlMoments, arms.treatmentMoments);
      const comparison = unavailableReason === null
        ? compareArms(arms.controlMoments, arms.treatmentMoments, {
          kind: arms.kind,
          alpha: options.alpha,
          sequential: options.sequential ? { tuning: options.sequentialTuning } : false,
        })
        : null;
      return { variant, c: arms.c, t: arms.t, comparison, unavailableReason, cuped: arms.cuped };
    }),
  }));

  const tested = draft.flatMap((m) => m.variants.filter((v) => v.comparison !== null));
  const adjusted = adjustPValues(tested.map((v) => v.comparison!.pValue), options.correction);
  const adjustedFor = new Map(tested.map((v, i) => [v, adjusted[i]!]));

  const significantlyWorse = (metric: MetricSpec, v: (typeof tested)[number]) => {
    const p = adjustedFor.get(v);
    const effect = v.comparison?.absolute.estimate ?? 0;
    return p !== undefined && p < options.alpha &&
      (metric.direction === "increase" ? effect < 0 : effect > 0);
  };

  const analyses: MetricAnalysis[] = draft.map(({ metric, variants }) => ({
    metric,
    variants: variants.map((v) => {
      const { comparison } = v;
      const adjustedPValue = adjustedFor.get(v) ?? null;
      const relative = comparison?.relative?.estimate ?? null;
      const implausible = relative !== null && Math.abs(relative) > options.maxPlausibleLift;
      const lowSample = Math.min(v.c.n, v.t.n) < options.minSampleSize;
      const failingGuardrails = metric.role === "primary"
        ? draft
          .filter((m) => m.metric.role === "guardrail")
          .filter((m) =>
            m.variants.some((g) => g.variant.id === v.variant.id && significantlyWorse(m.metric, g))
          )
          .map((m) => m.metric.label)
        : [];
      const verdict = decideVerdict({
        label: metric.label,
        role: metric.role,
        direction: metric.direction,
        alpha: options.alpha,
        srmMismatch,
        unavailableReason: v.unavailableReason,
        minSampleSize: options.minSampleSize,
        controlN: v.c.n,
        treatmentN: v.t.n,
        relativeEffect: relative,
        absoluteEffect: comparison?.absolute.estimate ?? null,
        adjustedPValue,
        implausible,
        failingGuardrails,
      });
      const chanceHigher = comparison?.chanceHigher ?? null;
      return {
        variant: v.variant,
        control: { n: v.c.n, mean: v.c.n > 0 ? v.c.sum / v.c.n : 0 },
        treatment: { n: v.t.n, mean: v.t.n > 0 ? v.t.sum / v.t.n : 0 },
        comparison,
        unavailableReason: v.unavailableReason,
        adjustedPValue,
        chanceToBeat: chanceHigher === null
          ? null
          : metric.direction === "increase"
          ? chanceHigher
          : 1 - chanceHigher,
        cuped: v.cuped,
        lowSample,
        implausible,
        verdict,
      };
    }),
  }));

  const primary = analyses.find((m) => m.metric.role === "primary");
  return {
    options,
    control,
    srm,
    metrics: analyses,
    summary: primary
      ? primary.variants.map((v) => ({ variant: v.variant, verdict: v.verdict }))
      : [],
    empty: input.rows.every((r) => r.n === 0),
  };
}
