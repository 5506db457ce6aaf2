/**
 * Sufficient statistics (n, Σx, Σx²) and the moments the tests need. Everything in the engine
 * works from these, so the database never ships individual values to the browser.
 */

/** Per-variant sufficient statistics of one metric. Rates are means of 0/1 values. */
export interface SufficientStats {
  n: number;
  sum: number;
  sumSq: number;
}

/** How a metric aggregates its unit values: a mean of numbers, or a rate (mean of 0/1). */
export type MetricKind = "mean" | "rate";

/**
 * The moments of one arm a comparison needs. `mean` may be regression-adjusted (CUPED);
 * `baseMean` is always the plain mean, the denominator of relative effects.
 */
export interface ArmMoments {
  n: number;
  mean: number;
  baseMean: number;
  variance: number;
  /** True when CUPED adjusted `mean` and `variance`. */
  adjusted: boolean;
}

export const mean = (s: SufficientStats): number => (s.n > 0 ? s.sum / s.n : 0);

/**
 * Unit-level variance. Means use the unbiased sample variance (Σx² − (Σx)²/n)/(n − 1); rates use
 * p(1 − p), the Bernoulli variance, as GrowthBook's ProportionStatistic and the two-proportion
 * z-test do. Clamped at 0 because the subtraction can go slightly negative in floating point.
 */
export function variance(s: SufficientStats, kind: MetricKind): number {
  if (kind === "rate") {
    const p = mean(s);
    return p * (1 - p);
  }
  if (s.n < 2) return 0;
  return Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1));
}

/** Sample covariance of x and y from Σx, Σy, Σxy over the same n units. */
export function covariance(n: number, sumX: number, sumY: number, sumXY: number): number {
  if (n < 2) return 0;
  return (sumXY - (sumX * sumY) / n) / (n - 1);
}

export function armMoments(s: SufficientStats, kind: MetricKind): ArmMoments {
  const m = mean(s);
  return { n: s.n, mean: m, baseMean: m, variance: variance(s, kind), adjusted: false };
}
