/**
 * Sample-ratio mismatch: does the number of exposed units per variant fit the allocation? A
 * chi-square goodness-of-fit test of the observed counts against counts expected from the
 * allocation weights, χ² = Σ (observed − expected)² / expected with (k − 1) degrees of freedom, as
 * GrowthBook's check_srm (gbstats/gbstats.py) and scipy.stats.chisquare compute it.
 *
 * A mismatch means assignment or logging is broken (bots, redirects, a variant that crashes before
 * logging), so no metric comparison can be trusted until it is fixed. The default threshold
 * p < 0.001 is GrowthBook's: strict, because the check runs on every look at the results.
 */
import { chiSquareSurvival } from "./distributions.ts";

export const DEFAULT_SRM_THRESHOLD = 0.001;

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  /** Expected counts under the allocation, in the input order. */
  expected: number[];
  mismatch: boolean;
}

/**
 * Null when there is nothing to test: fewer than two variants with traffic allocated, or no
 * exposures at all. A variant with weight 0 that still received units is a mismatch by itself.
 */
export function srmCheck(
  observed: readonly number[],
  weights: readonly number[],
  threshold = DEFAULT_SRM_THRESHOLD,
): SrmResult | null {
  if (observed.length !== weights.length) {
    throw new Error("srmCheck: one weight per observed count is required");
  }
  const total = observed.reduce((a, b) => a + b, 0);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || weightTotal <= 0) return null;
  const expected = weights.map((w) => (total * w) / weightTotal);
  const active = expected.filter((e) => e > 0).length;
  if (active < 2) return null;
  const strayUnits = observed.some((o, i) => expected[i] === 0 && o > 0);
  if (strayUnits) {
    return { chiSquare: Infinity, df: active - 1, pValue: 0, expected, mismatch: true };
  }
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i]!;
    if (e > 0) chiSquare += (o - e) ** 2 / e;
  });
  const df = active - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, expected, mismatch: pValue < threshold };
}
