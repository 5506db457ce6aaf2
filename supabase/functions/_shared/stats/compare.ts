/**
 * One variant against control on one metric: absolute and relative effect, confidence intervals,
 * p-value and the Bayesian chance that the variant's true value is higher.
 *
 * - Means: Welch's t (unequal variances) with Welch–Satterthwaite degrees of freedom.
 * - Rates: two-proportion z. The interval uses the unpooled standard error (Wald); the p-value
 *   tests "no difference" with the pooled standard error, the textbook two-proportion z-test,
 *   whose z² is Pearson's chi-square: together exactly R's prop.test(correct = FALSE).
 * - Relative lift (treatment − control) / control: delta method,
 *   Var ≈ v_t/(n_t·m_c²) + v_c·m_t²/(n_c·m_c⁴), with the same distribution as the absolute test
 *   (GrowthBook gbstats frequentist/tests.py).
 * - Sequential: the always-valid confidence sequence of ./sequential.ts replaces the interval and
 *   the p-value (normal, unpooled).
 * - Chance to beat control: with an improper flat prior on the effect, the posterior of the
 *   relative effect is Normal(estimate, se²) (GrowthBook's GaussianEffectABTest with its default
 *   non-informative prior), so P(variant > control) = Φ(estimate / se). The absolute effect is used
 *   when control's mean is 0 and no relative effect exists.
 */
import { normalCdf, normalQuantile, tQuantile, twoSidedPValue } from "./distributions.ts";
import type { ArmMoments, MetricKind } from "./moments.ts";
import {
  alwaysValidPValue,
  confidenceSequenceHalfWidth,
  DEFAULT_SEQUENTIAL_TUNING,
} from "./sequential.ts";

export type TestMethod = "welch-t" | "z" | "two-proportion-z" | "confidence-sequence";

export interface CompareOptions {
  kind: MetricKind;
  /** Two-sided significance level; intervals are (1 − alpha). Default 0.05. */
  alpha?: number;
  /** Fixed-horizon distribution: Welch t (default for means) or normal z (default for rates). */
  test?: "welch-t" | "z";
  /** Always-valid confidence sequences tuned to this total sample size (GrowthBook's N*). */
  sequential?: { tuning?: number } | false;
}

export interface EffectInterval {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  pValue: number;
}

export interface Comparison {
  method: TestMethod;
  /** Welch–Satterthwaite degrees of freedom; null for normal-based methods. */
  df: number | null;
  absolute: EffectInterval;
  /** Null when control's mean is 0 (no relative change is defined). */
  relative: EffectInterval | null;
  /** The decision p-value: the test of "no difference" on the absolute scale. */
  pValue: number;
  /** Posterior probability that the variant's true value is higher than control's. */
  chanceHigher: number;
}

/** Why two arms cannot be compared, or null when they can. */
export function notComparableReason(control: ArmMoments, treatment: ArmMoments): string | null {
  if (control.n < 2 || treatment.n < 2) return "each variant needs at least 2 observations";
  if (control.variance / control.n + treatment.variance / treatment.n <= 0) {
    return "every observation has the same value, so there is no variability to test against";
  }
  return null;
}

function welchDf(c: ArmMoments, t: ArmMoments): number {
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  return (vc + vt) ** 2 / ((vc * vc) / (c.n - 1) + (vt * vt) / (t.n - 1));
}

/** Delta-method variance of (m_t − m_c)/m_c, with the unadjusted means as GrowthBook does for CUPED. */
function relativeVariance(c: ArmMoments, t: ArmMoments): number {
  const mc = c.baseMean;
  return t.variance / (t.n * mc * mc) + (c.variance * t.baseMean * t.baseMean) / (c.n * mc ** 4);
}

export function compareArms(
  control: ArmMoments,
  treatment: ArmMoments,
  options: CompareOptions,
): Comparison | null {
  if (notComparableReason(control, treatment) !== null) return null;
  const alpha = options.alpha ?? 0.05;
  const absEstimate = treatment.mean - control.mean;
  const absVariance = control.variance / control.n + treatment.variance / treatment.n;
  const relEstimate = control.baseMean === 0 ? null : absEstimate / control.baseMean;
  const relVariance = relEstimate === null ? null : relativeVariance(control, treatment);

  let method: TestMethod;
  let df: number | null = null;
  let interval: (estimate: number, v: number) => EffectInterval;

  if (options.sequential) {
    method = "confidence-sequence";
    const tuning = options.sequential.tuning ?? DEFAULT_SEQUENTIAL_TUNING;
    const totalN = control.n + treatment.n;
    interval = (estimate, v) => {
      const half = confidenceSequenceHalfWidth(v, totalN, alpha, tuning);
      return {
        estimate,
        se: Math.sqrt(v),
        lower: estimate - half,
        upper: estimate + half,
        pValue: alwaysValidPValue(estimate, v, totalN, alpha, tuning),
      };
    };
  } else {
    const test = options.test ?? (options.kind === "rate" ? "z" : "welch-t");
    df = test === "welch-t" ? welchDf(control, treatment) : null;
    const critical = df === null ? normalQuantile(1 - alpha / 2) : tQuantile(1 - alpha / 2, df);
    method = test === "welch-t" ? "welch-t" : options.kind === "rate" ? "two-proportion-z" : "z";
    interval = (estimate, v) => {
      const se = Math.sqrt(v);
      return {
        estimate,
        se,
        lower: estimate - critical * se,
        upper: estimate + critical * se,
        pValue: twoSidedPValue(estimate / se, df),
      };
    };
  }

  const absolute = interval(absEstimate, absVariance);
  // The pooled test needs the raw proportions: not with CUPED-adjusted means.
  const pooled = method === "two-proportion-z" && !control.adjusted && !treatment.adjusted;
  if (pooled) {
    const p = (control.n * control.mean + treatment.n * treatment.mean) / (control.n + treatment.n);
    const pooledSe = Math.sqrt(p * (1 - p) * (1 / control.n + 1 / treatment.n));
    if (pooledSe > 0) absolute.pValue = twoSidedPValue(absEstimate / pooledSe, null);
  }
  const relative = relEstimate === null || relVariance === null
    ? null
    : interval(relEstimate, relVariance);
  const posterior = relative ?? absolute;

  return {
    method,
    df,
    absolute,
    relative,
    pValue: absolute.pValue,
    chanceHigher: normalCdf(posterior.estimate / posterior.se),
  };
}
