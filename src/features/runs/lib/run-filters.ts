import { z } from "zod";

import type { UrlFilterSchemas, UrlFilterValues } from "@/features/filters";

export const RUN_STATUSES = ["ok", "error", "timeout", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_SORTS = [
  "newest",
  "oldest",
  "latency_desc",
  "latency_asc",
  "cost_desc",
  "cost_asc",
] as const;
export type RunSort = (typeof RUN_SORTS)[number];

const value = z.string().trim().min(1).max(256);
const id = z.uuid("Must be an id (a UUID).");

/**
 * The explorer's search parameters. Dashboards link here with the same names
 * (?experiment=…&variant=…&intent=…), so they are part of the page's contract.
 */
export const runFilterParams = {
  model: value,
  status: z.enum(RUN_STATUSES),
  intent: value,
  capability: value,
  action: value,
  account: value,
  mode: z.enum(["manual", "automated"]),
  experiment: id,
  variant: id,
  version: id,
  sort: z.enum(RUN_SORTS),
} satisfies UrlFilterSchemas;

export type RunFilterValues = UrlFilterValues<typeof runFilterParams>;

/** The filters that narrow the list (everything but the sort). */
export const RUN_FILTER_KEYS = [
  "capability",
  "action",
  "intent",
  "model",
  "version",
  "experiment",
  "variant",
  "status",
  "mode",
  "account",
] as const;
export type RunFilterKey = (typeof RUN_FILTER_KEYS)[number];

/** list_runs' p_filters: only the filters that are set, `mode` as the is_manual flag. */
export type RunQueryFilters = Partial<
  Record<Exclude<RunFilterKey, "mode">, string> & { manual: boolean }
>;

export function toQueryFilters(values: RunFilterValues): RunQueryFilters {
  const filters: RunQueryFilters = {};
  for (const key of RUN_FILTER_KEYS) {
    const current = values[key];
    if (current === undefined) continue;
    if (key === "mode") filters.manual = current === "manual";
    else filters[key] = current;
  }
  return filters;
}

export function activeFilterCount(values: RunFilterValues): number {
  return RUN_FILTER_KEYS.filter((key) => values[key] !== undefined).length;
}

/** A patch that removes every filter, keeping the sort (and everything outside this page). */
export const CLEAR_FILTERS = Object.fromEntries(RUN_FILTER_KEYS.map((key) => [key, null])) as {
  [Key in RunFilterKey]: null;
};

export type SortColumn = "time" | "latency" | "cost";

const FIRST_CLICK: Record<SortColumn, RunSort> = {
  time: "newest",
  latency: "latency_desc",
  cost: "cost_desc",
};
const TOGGLED: Record<RunSort, RunSort> = {
  newest: "oldest",
  oldest: "newest",
  latency_desc: "latency_asc",
  latency_asc: "latency_desc",
  cost_desc: "cost_asc",
  cost_asc: "cost_desc",
};

export function sortColumn(sort: RunSort): SortColumn {
  if (sort.startsWith("latency")) return "latency";
  if (sort.startsWith("cost")) return "cost";
  return "time";
}

export function isDescending(sort: RunSort): boolean {
  return sort === "newest" || sort.endsWith("_desc");
}

/** Clicking a column header: its natural order first (newest, slowest, dearest), then reversed. */
export function nextSort(current: RunSort, column: SortColumn): RunSort {
  return sortColumn(current) === column ? TOGGLED[current] : FIRST_CLICK[column];
}
