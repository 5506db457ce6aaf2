// Timings in the benchmarks: reading Server-Timing in the load clients, and summarizing samples
// into the reports' tables. Pure: the clients import it in their own processes.

/** The duration `name` in a Server-Timing header (`name;dur=1.23`), ms. */
export function serverTiming(header: string | null, name: string): number {
  const match = new RegExp(`${name};dur=([\\d.]+)`).exec(header ?? "");
  if (!match) throw new Error(`Server-Timing has no ${name}: ${header}`);
  return Number(match[1]);
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles and the mean of `samples`, to the microsecond. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    median: round(rank(0.5)),
    p95: round(rank(0.95)),
    mean: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
  };
}

/** A markdown table of summaries, one row per [label, summary]. */
export function summaryTable(rows: [label: string, summary: Summary][]): string {
  return [
    "| | median | p95 | mean | max |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      ([label, s]) =>
        `| ${label} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.mean.toFixed(2)} | ${s.max.toFixed(2)} |`,
    ),
  ].join("\n");
}
