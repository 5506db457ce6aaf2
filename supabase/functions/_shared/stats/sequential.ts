/**
 * Always-valid inference: an asymptotic confidence sequence that holds at every sample size at
 * once, so results can be checked as often as wanted without inflating false positives.
 *
 * The boundary is the normal-mixture (mixture-SPRT) boundary of Howard, Ramdas, McAuliffe &
 * Sekhon (2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences") in the
 * asymptotic form of Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas (2023, "Time-uniform central
 * limit theory and asymptotic confidence sequences", arXiv:2103.06476, eq. 9), as GrowthBook
 * documents and implements it (docs.growthbook.io/statistics/sequential;
 * gbstats/frequentist/tests.py, SequentialTwoSidedTTest):
 *
 *   half-width = √(s²) · √( 2(Nρ² + 1) / (N²ρ²) · ln( √(Nρ² + 1) / α ) )
 *
 * where N = n_control + n_treatment, s² = N · Var(estimate), and the mixture's tuning
 * ρ = √( (−2 ln α + ln(−2 ln α + 1)) / N* ) makes the sequence tightest around N* total units.
 * The matching always-valid p-value is 1 / (the mixture's e-value):
 *
 *   e = exp( ρ² · N · d² / Var(estimate) / (2(Nρ² + 1)) ) / √(Nρ² + 1),  p = min(1, 1/e)
 *
 * so p ≤ α exactly when the interval excludes 0.
 */

/** GrowthBook's default N*: the total sample size where the sequence is tightest. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

export function mixtureRho(alpha: number, tuning: number): number {
  return Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);
}

export function confidenceSequenceHalfWidth(
  estimateVariance: number,
  totalN: number,
  alpha: number,
  tuning: number,
): number {
  const rho2 = mixtureRho(alpha, tuning) ** 2;
  const s2 = estimateVariance * totalN;
  const scale = (2 * (totalN * rho2 + 1)) / (totalN * totalN * rho2);
  return Math.sqrt(s2) * Math.sqrt(scale * Math.log(Math.sqrt(totalN * rho2 + 1) / alpha));
}

export function alwaysValidPValue(
  estimate: number,
  estimateVariance: number,
  totalN: number,
  alpha: number,
  tuning: number,
): number {
  const rho2 = mixtureRho(alpha, tuning) ** 2;
  const spread = totalN * rho2 + 1;
  const logE = (rho2 * totalN * estimate * estimate) / estimateVariance / (2 * spread) -
    0.5 * Math.log(spread);
  return Math.min(1, Math.exp(-logE));
}
