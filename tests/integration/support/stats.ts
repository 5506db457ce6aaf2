/** A proportion and the number of observations behind it. */
export interface Rate {
  n: number;
  rate: number;
}

/** Two-proportion z statistic of a − b (pooled standard error). */
export function twoProportionZ(a: Rate, b: Rate): number {
  const pooled = (a.rate * a.n + b.rate * b.n) / (a.n + b.n);
  return (a.rate - b.rate) / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
}

/** The rate of several segments taken together, weighted by their observations. */
export function pooledRate(segments: ReadonlyArray<{ n: number; value: number | null }>): Rate {
  let n = 0;
  let sum = 0;
  for (const segment of segments) {
    n += segment.n;
    sum += segment.n * (segment.value ?? 0);
  }
  return { n, rate: n === 0 ? 0 : sum / n };
}
