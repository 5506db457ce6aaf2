/**
 * Multiple-comparison corrections across every (metric × variant) test of an experiment. Both
 * return adjusted p-values in the input order, compared against the same alpha as unadjusted ones.
 *
 * - Holm (1979), step-down: sort ascending, p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
 *   Controls the family-wise error rate (the chance of any false positive); never less powerful
 *   than Bonferroni.
 * - Benjamini–Hochberg (1995), step-up: p̃₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j).
 *   Controls the false discovery rate (the expected share of false positives among the wins).
 *
 * Same definitions as R's p.adjust(method = "holm" | "BH").
 */

export type CorrectionMethod = "holm" | "bh";

function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
}

export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const order = ascendingOrder(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (m * pValues[index]!) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}

export function adjustPValues(pValues: readonly number[], method: CorrectionMethod): number[] {
  return method === "holm" ? holm(pValues) : benjaminiHochberg(pValues);
}
