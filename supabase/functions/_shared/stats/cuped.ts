/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the sensitivity of online controlled
 * experiments by utilizing pre-experiment data"): subtract θ·(pre-period value) from each unit's
 * value. The adjusted mean is ȳ − θ·x̄ and its variance var(y) + θ²var(x) − 2θ·cov(x, y), so a
 * pre-period that predicts the outcome shrinks the confidence interval without biasing the
 * effect (randomisation makes the arms' pre-period means equal in expectation).
 *
 * θ = cov(x, y) / var(x) is estimated once from both arms pooled, as GrowthBook's gbstats does
 * (compute_theta in gbstats/models/statistics.py), so the same θ adjusts control and treatment.
 * This needs Σ(x·y) per arm: the per-variant sums of x and y alone cannot give the covariance,
 * so CUPED works on unit-level values (experiment_cuped_stats): each unit's mean of the metric in
 * the experiment and in the equal-length period before it. Per-unit rates are not 0/1, so the
 * comparison is of means (Welch's t), whatever the metric's kind.
 */
import {
  type ArmMoments,
  armMoments,
  covariance,
  mean,
  type MetricKind,
  type SufficientStats,
  variance,
} from "./moments.ts";

/** Pre-period sums over the SAME units as the post-period stats (a unit with no pre-period value counts as 0). */
export interface PrePeriodStats {
  sum: number;
  sumSq: number;
  /** Σ (post value × pre value) over the same units. */
  sumPrePost: number;
}

export interface CupedArm {
  post: SufficientStats;
  pre: PrePeriodStats;
}

/** θ from both arms pooled; 0 (no adjustment) when either pooled variance is 0. */
export function cupedTheta(control: CupedArm, treatment: CupedArm, kind: MetricKind): number {
  const n = control.post.n + treatment.post.n;
  const post: SufficientStats = {
    n,
    sum: control.post.sum + treatment.post.sum,
    sumSq: control.post.sumSq + treatment.post.sumSq,
  };
  const pre: SufficientStats = {
    n,
    sum: control.pre.sum + treatment.pre.sum,
    sumSq: control.pre.sumSq + treatment.pre.sumSq,
  };
  // The pre-period value is a number even for rate metrics (e.g. last month's conversions).
  const preVariance = variance(pre, "mean");
  if (preVariance <= 0 || variance(post, kind) <= 0) return 0;
  const cov = covariance(n, post.sum, pre.sum, control.pre.sumPrePost + treatment.pre.sumPrePost);
  return cov / preVariance;
}

/** The regression-adjusted moments of one arm for a given θ. */
export function cupedMoments(arm: CupedArm, theta: number, kind: MetricKind): ArmMoments {
  const { post, pre } = arm;
  const preStats: SufficientStats = { n: post.n, sum: pre.sum, sumSq: pre.sumSq };
  const cov = covariance(post.n, post.sum, pre.sum, pre.sumPrePost);
  const adjustedVariance = variance(post, kind) + theta * theta * variance(preStats, "mean") -
    2 * theta * cov;
  return {
    n: post.n,
    mean: mean(post) - theta * mean(preStats),
    baseMean: mean(post),
    variance: Math.max(0, adjustedVariance),
    adjusted: true,
  };
}

/** One row of experiment_cuped_stats, numbers parsed: one variant's units on one metric. */
export interface CupedStatsRow {
  variantId: string;
  metric: string;
  /** Exposed units with at least one observation of the metric in the experiment. */
  units: number;
  /** Σ and Σ² of those units' means in the experiment. */
  sum: number;
  sumSq: number;
  /** Σ and Σ² of the same units' means before it (0 for a unit not seen then), and Σ(pre × post). */
  preSum: number;
  preSumSq: number;
  sumPrePost: number;
  /** How many of the units were seen before the experiment. */
  unitsWithPre: number;
}

export function cupedArmFromRow(row: CupedStatsRow): CupedArm {
  return {
    post: { n: row.units, sum: row.sum, sumSq: row.sumSq },
    pre: { sum: row.preSum, sumSq: row.preSumSq, sumPrePost: row.sumPrePost },
  };
}

export interface CupedAdjustment {
  theta: number;
  control: ArmMoments;
  treatment: ArmMoments;
  /**
   * The share of the effect's variance CUPED removed, against the same unit-level comparison
   * without it (0.31 = 31% less; negative if the adjustment added variance).
   */
  varianceReduction: number;
}

const effectVariance = (c: ArmMoments, t: ArmMoments) =>
  c.n > 0 && t.n > 0 ? c.variance / c.n + t.variance / t.n : 0;

/** CUPED on unit-level means: θ from both arms pooled, each arm adjusted with it. */
export function cupedAdjust(control: CupedArm, treatment: CupedArm): CupedAdjustment {
  const theta = cupedTheta(control, treatment, "mean");
  const adjustedControl = cupedMoments(control, theta, "mean");
  const adjustedTreatment = cupedMoments(treatment, theta, "mean");
  const before = effectVariance(
    armMoments(control.post, "mean"),
    armMoments(treatment.post, "mean"),
  );
  return {
    theta,
    control: adjustedControl,
    treatment: adjustedTreatment,
    varianceReduction: before > 0
      ? 1 - effectVariance(adjustedControl, adjustedTreatment) / before
      : 0,
  };
}
