import type { DimensionFilterParam } from "./dashboard-params";
import type { DimensionKey } from "./catalog";

export interface DrillStep {
  param: DimensionFilterParam;
  dimension: DimensionKey;
  label: string;
  /** With its article, for sentences: "an experiment". */
  singular: string;
  plural: string;
}

/** KPI → experiment → variant → intent → runs. */
export const DRILL_STEPS: readonly DrillStep[] = [
  {
    param: "experiment",
    dimension: "experiment_id" as DimensionKey,
    label: "Experiment",
    singular: "an experiment",
    plural: "experiments",
  },
  {
    param: "variant",
    dimension: "variant_id" as DimensionKey,
    label: "Variant",
    singular: "a variant",
    plural: "variants",
  },
  {
    param: "intent",
    dimension: "intent" as DimensionKey,
    label: "Intent",
    singular: "an intent",
    plural: "intents",
  },
];

/** The first step the URL hasn't chosen yet; DRILL_STEPS.length means the individual runs. */
export function drillLevel(search: URLSearchParams): number {
  const index = DRILL_STEPS.findIndex((step) => !search.get(step.param));
  return index === -1 ? DRILL_STEPS.length : index;
}

/** `search` with the drill steps from `level` on removed (so level 0 keeps none of them). */
export function searchAtLevel(search: URLSearchParams, level: number): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const step of DRILL_STEPS.slice(level)) next.delete(step.param);
  return next;
}

/** `search` one level deeper: the step at `level` narrowed to `value`. */
export function searchWithStep(
  search: URLSearchParams,
  level: number,
  value: string,
): URLSearchParams {
  const next = searchAtLevel(search, level);
  next.set(DRILL_STEPS[level]!.param, value);
  return next;
}

// What the Runs explorer reads; the Overview's own chart settings mean nothing there.
const RUNS_PARAMS = new Set([
  "range",
  "from",
  "to",
  "experiment",
  "variant",
  "version",
  "model",
  "capability",
  "action",
  "intent",
  "account",
  "status",
]);

/** The Runs explorer's query for the drilled-down runs, opening `runId`'s drawer when given. */
export function runsSearch(search: URLSearchParams, runId?: string): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of search) if (RUNS_PARAMS.has(key)) next.append(key, value);
  if (runId) next.set("run", runId);
  return next;
}

/** The Overview's query when leaving the drill-down: its filters, without the drilled path. */
export function overviewSearch(search: URLSearchParams): URLSearchParams {
  const next = searchAtLevel(search, 0);
  next.delete("metric");
  return next;
}
