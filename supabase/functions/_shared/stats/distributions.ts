/**
 * The distribution functions the engine needs, from @stdlib (a maintained numeric library), behind
 * one small typed surface so the rest of the engine never touches the packages directly.
 */
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdfFn from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileFn from "@stdlib/stats-base-dists-normal-quantile";
import tCdfFn from "@stdlib/stats-base-dists-t-cdf";
import tQuantileFn from "@stdlib/stats-base-dists-t-quantile";

/** P(Z ≤ x) for a standard normal Z. */
export const normalCdf = (x: number): number => normalCdfFn(x, 0, 1);
/** The x with P(Z ≤ x) = p for a standard normal Z. */
export const normalQuantile = (p: number): number => normalQuantileFn(p, 0, 1);
/** P(T ≤ x) for Student's t with df degrees of freedom. */
export const tCdf = (x: number, df: number): number => tCdfFn(x, df);
/** The x with P(T ≤ x) = p for Student's t with df degrees of freedom. */
export const tQuantile = (p: number, df: number): number => tQuantileFn(p, df);
/** P(X > x) for a chi-square X with df degrees of freedom. */
export const chiSquareSurvival = (x: number, df: number): number => 1 - chisquareCdf(x, df);

/**
 * Two-sided p-value of a statistic with the given distribution. Computed from the lower tail of
 * −|x| rather than 1 − cdf(|x|) so that tiny p-values keep their precision instead of becoming 0.
 */
export function twoSidedPValue(statistic: number, df: number | null): number {
  const tail = df === null ? normalCdf(-Math.abs(statistic)) : tCdf(-Math.abs(statistic), df);
  return Math.min(1, 2 * tail);
}
