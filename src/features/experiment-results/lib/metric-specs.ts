import { isMetricKey, metric as catalogMetric } from "@shared/analytics/catalog.ts";
import type { MetricKind, MetricSpec } from "@shared/stats/index.ts";
import type { Database } from "@/lib/database.types";

type Aggregation = Database["public"]["Enums"]["metric_aggregation"];

/** LLM behaviour metrics experiment_metric_stats returns for every experiment, in display order. */
export const LLM_METRIC_KEYS = ["error_rate", "latency_mean", "cost_per_run"] as const;

/**
 * Sums per unit are compared as means per unit; percentiles cannot be rebuilt from sufficient
 * statistics, so the database returns (and the engine compares) their mean.
 */
export function kindOf(aggregation: Aggregation): MetricKind {
  return aggregation === "rate" ? "rate" : "mean";
}

export interface ExperimentMetricDefinition {
  key: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  direction: Database["public"]["Enums"]["metric_direction"];
  role: Database["public"]["Enums"]["experiment_metric_role"];
}

export interface MetricDisplay {
  spec: MetricSpec;
  /** Unit shown after values ("%" for rates is handled by the formatter). */
  unit: string;
}

/** The experiment's own metrics (primary, then guardrails) followed by the LLM metrics. */
export function metricDisplays(
  definitions: readonly ExperimentMetricDefinition[],
): MetricDisplay[] {
  const own = [...definitions]
    .sort((a, b) =>
      a.role === b.role ? a.name.localeCompare(b.name) : a.role === "primary" ? -1 : 1,
    )
    .map((d) => ({
      spec: {
        key: d.key,
        label: d.name,
        kind: kindOf(d.aggregation),
        direction: d.direction === "higher_is_better" ? "increase" : "decrease",
        role: d.role,
      } satisfies MetricSpec,
      unit: d.unit,
    }));
  const taken = new Set(own.map((m) => m.spec.key));
  const llm = LLM_METRIC_KEYS.filter((key) => !taken.has(key) && isMetricKey(key)).map((key) => {
    const m = catalogMetric(key);
    return {
      spec: {
        key,
        label: m.label,
        kind: m.aggregation === "rate" ? "rate" : "mean",
        direction: m.direction,
        role: "llm",
      } satisfies MetricSpec,
      unit: m.unit === "usd" ? "USD" : m.unit === "ms" ? "ms" : "",
    };
  });
  return [...own, ...llm];
}
