import type { MetricKind } from "@shared/stats/index.ts";

const number = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

/** A metric value: rates as percentages, means with their unit. */
export function formatValue(value: number, kind: MetricKind, unit: string): string {
  if (kind === "rate") return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)}%`;
  if (unit === "USD") return `$${number.format(value)}`;
  return unit ? `${number.format(value)} ${unit}` : number.format(value);
}

function signed(value: number, text: string): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${text}`;
}

/** A relative change: +12.3%. */
export function formatRelative(value: number): string {
  const pct = Math.abs(value * 100);
  return signed(value, `${pct >= 100 ? pct.toFixed(0) : pct.toFixed(1)}%`);
}

/** An absolute change: percentage points for rates, the unit otherwise. */
export function formatAbsolute(value: number, kind: MetricKind, unit: string): string {
  if (kind === "rate") return signed(value, `${Math.abs(value * 100).toFixed(2)} pp`);
  return signed(value, formatValue(Math.abs(value), kind, unit));
}

/** A change rounded to a whole percent: −31%. */
export function formatPercentChange(value: number): string {
  const pct = Math.round(Math.abs(value) * 100);
  return signed(pct === 0 ? 0 : value, `${pct}%`);
}

export function formatProbability(p: number): string {
  if (p > 0.999) return "> 99.9%";
  if (p < 0.001) return "< 0.1%";
  return `${(p * 100).toFixed(1)}%`;
}

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
