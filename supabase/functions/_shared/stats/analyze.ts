/**
 * The whole results of an experiment from the per-variant sufficient statistics the database
 * returns (experiment_metric_stats): every variant against control on every metric, one
 * multiple-comparison correction across all of those tests, the SRM check and a verdict each.
 */
import { compareArms, type Comparison, notComparableReason } from "./compare.ts";
import { adjustPValues, type CorrectionMethod } from "./corrections.ts";
import { type CupedArm, cupedMoments, cupedTheta } from "./cuped.ts";
import { type ArmMoments, armMoments, type MetricKind } from "./moments.ts";
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
  preN: number | null;
  preSum: number | null;
  preSumSq: number | null;
  sumPrePost: number | null;
  exposures: number | null;
}

export interface AnalysisOptions {
  alpha: number;
  correction: CorrectionMethod;
  sequential: boolean;
  /** Total sample size where the confidence sequence is tightest (GrowthBook's N*). */
  sequentialTuning: number;
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

export interface ArmSummary {
  n: number;
  mean: number;
}

export interface VariantComparison {
  variant: VariantSpec;
  control: ArmSummary;
  treatment: ArmSummary;
  comparison: Comparison | null;
  unavailableReason: string | null;
  adjustedPValue: number | null;
  /** Posterior probability that the variant is better, in the metric's good direction. */
  chanceToBeat: number | null;
  /** θ when CUPED adjusted this comparison, else null. */
  cupedTheta: number | null;
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
  /** Whether any metric has pre-period data with the cross term CUPED needs. */
  cupedAvailable: boolean;
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
  options?: Partial<AnalysisOptions>;
}

const ROLE_ORDER: Record<MetricRole, number> = { primary: 0, guardrail: 1, llm: 2 };

function hasCupedData(row: MetricStatsRow | undefined): boolean {
  return !!row && (row.preN ?? 0) > 0 && row.preSum !== null && row.preSumSq !== null &&
    row.sumPrePost !== null;
}

function cupedArm(row: MetricStatsRow): CupedArm {
  return {
    post: { n: row.n, sum: row.sum, sumSq: row.sumSq },
    pre: { sum: row.preSum ?? 0, sumSq: row.preSumSq ?? 0, sumPrePost: row.sumPrePost ?? 0 },
  };
}

const EMPTY_ROW = (variantId: string, metric: string): MetricStatsRow => ({
  variantId,
  metric,
  n: 0,
  sum: 0,
  sumSq: 0,
  preN: null,
  preSum: null,
  preSumSq: null,
  sumPrePost: null,
  exposures: null,
});

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
  const rowFor = new Map(input.rows.map((r) => [`${r.variantId}\u0000${r.metric}`, r]));
  const get = (variantId: string, metric: string) =>
    rowFor.get(`${variantId}\u0000${metric}`) ?? EMPTY_ROW(variantId, metric);

  const exposures = exposuresByVariant(input.rows);
  const srm = exposures.size === 0 ? null : srmCheck(
    input.variants.map((v) => exposures.get(v.id) ?? 0),
    input.variants.map((v) => v.weight),
    options.srmThreshold,
  );
  const srmMismatch = srm?.mismatch ?? false;

  const metrics = [...input.metrics].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const cupedAvailable = control !== null &&
    metrics.some((m) =>
      hasCupedData(get(control.id, m.key)) && treatments.some((t) => hasCupedData(get(t.id, m.key)))
    );

  // First pass: every comparison, so the correction can see all p-values at once.
  const draft = metrics.map((metric) => ({
    metric,
    variants: treatments.map((variant) => {
      const c = control ? get(control.id, metric.key) : EMPTY_ROW("", metric.key);
      const t = get(variant.id, metric.key);
      let controlMoments: ArmMoments = armMoments(c, metric.kind);
      let treatmentMoments: ArmMoments = armMoments(t, metric.kind);
      let theta: number | null = null;
      if (options.cuped && hasCupedData(c) && hasCupedData(t)) {
        theta = cupedTheta(cupedArm(c), cupedArm(t), metric.kind);
        controlMoments = cupedMoments(cupedArm(c), theta, metric.kind);
        treatmentMoments = cupedMoments(cupedArm(t), theta, metric.kind);
      }
      const unavailableReason = control === null
        ? "the experiment has no control variant"
        : notComparableReason(controlMoments, treatmentMoments);
      const comparison = unavailableReason === null
        ? compareArms(controlMoments, treatmentMoments, {
          kind: metric.kind,
          alpha: options.alpha,
          sequential: options.sequential ? { tuning: options.sequentialTuning } : false,
        })
        : null;
      return { variant, c, t, comparison, unavailableReason, theta };
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
        cupedTheta: v.theta,
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
    cupedAvailable,
    metrics: analyses,
    summary: primary
      ? primary.variants.map((v) => ({ variant: v.variant, verdict: v.verdict }))
      : [],
    empty: input.rows.every((r) => r.n === 0),
  };
}
