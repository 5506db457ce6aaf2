import { format } from "date-fns";

import { parseTimestamp } from "@/lib/timestamps";
import type { RunStatus } from "./run-filters";

const integer = new Intl.NumberFormat("en-US");

export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatTokens(tokensIn: number | null, tokensOut: number | null): string {
  if (tokensIn === null && tokensOut === null) return "—";
  return `${tokensIn === null ? "—" : integer.format(tokensIn)} → ${tokensOut === null ? "—" : integer.format(tokensOut)}`;
}

export function formatCount(value: number | null): string {
  return value === null ? "—" : integer.format(value);
}

/** Runs cost fractions of a cent: four decimals below a dollar keeps them apart. */
export function formatCost(usd: number | null): string {
  if (usd === null) return "—";
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatRunTime(timestamp: string): string {
  return format(parseTimestamp(timestamp), "d MMM yyyy, HH:mm:ss");
}

export function formatMode(isManual: boolean | null): string {
  if (isManual === null) return "—";
  return isManual ? "Manual" : "Automated";
}

export const STATUS_LABELS: Record<RunStatus, string> = {
  ok: "OK",
  error: "Error",
  timeout: "Timeout",
  cancelled: "Cancelled",
};

export const STATUS_BADGE_VARIANTS = {
  ok: "success",
  error: "destructive",
  timeout: "warning",
  cancelled: "secondary",
} as const satisfies Record<RunStatus, string>;
