import {
  metricStatsRowsSchema,
  type MetricStatsRow,
  type VariantSpec,
} from "@shared/stats/index.ts";
import type { Database } from "@/lib/database.types";
import { RequestError, toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { ExperimentMetricDefinition } from "../lib/metric-specs";

export interface ResultsExperiment {
  id: string;
  name: string;
  status: Database["public"]["Enums"]["experiment_status"];
  activatedAt: string | null;
}

export interface ExperimentResultsData {
  experiment: ResultsExperiment;
  variants: VariantSpec[];
  metrics: ExperimentMetricDefinition[];
  rows: MetricStatsRow[];
}

const FAILURE = "Couldn't load the experiment's results";

/** The experiment, its variants and metrics, and the per-variant sufficient statistics. */
export async function fetchExperimentResults(
  organizationId: string,
  experimentId: string,
): Promise<ExperimentResultsData> {
  const [experiment, variants, links, stats] = await Promise.all([
    supabase
      .from("experiments")
      .select("id, name, status, activated_at")
      .eq("organization_id", organizationId)
      .eq("id", experimentId)
      .maybeSingle(),
    supabase
      .from("experiment_variants")
      .select("id, key, name, allocation_bp, is_control, position")
      .eq("experiment_id", experimentId)
      .order("position")
      .order("key"),
    supabase.from("experiment_metrics").select("metric_id, role").eq("experiment_id", experimentId),
    supabase.rpc("experiment_metric_stats", { p_experiment_id: experimentId }),
  ]);
  for (const response of [experiment, variants, links, stats]) {
    if (response.error) throw toRequestError(FAILURE, response);
  }
  if (!experiment.data) {
    throw new RequestError(
      "This experiment doesn't exist in this organization, or the link is wrong.",
      { retryable: false },
    );
  }

  const metricIds = (links.data ?? []).map((link) => link.metric_id);
  const definitions =
    metricIds.length === 0
      ? { data: [], error: null }
      : await supabase
          .from("metric_definitions")
          .select("id, key, name, unit, aggregation, direction")
          .in("id", metricIds);
  if (definitions.error) throw toRequestError(FAILURE, { ...definitions, status: 400 });
  const roleOf = new Map((links.data ?? []).map((link) => [link.metric_id, link.role]));

  const parsed = metricStatsRowsSchema.safeParse(stats.data ?? []);
  if (!parsed.success) {
    throw new RequestError(
      `${FAILURE}: the server sent statistics in an unexpected shape (${parsed.error.issues[0]?.message}).`,
      { retryable: false, cause: parsed.error },
    );
  }

  return {
    experiment: {
      id: experiment.data.id,
      name: experiment.data.name,
      status: experiment.data.status,
      activatedAt: experiment.data.activated_at,
    },
    variants: (variants.data ?? []).map((v) => ({
      id: v.id,
      name: v.name || v.key,
      isControl: v.is_control,
      weight: v.allocation_bp,
    })),
    metrics: (definitions.data ?? []).map((d) => ({
      key: d.key,
      name: d.name,
      unit: d.unit,
      aggregation: d.aggregation,
      direction: d.direction,
      role: roleOf.get(d.id) ?? "guardrail",
    })),
    rows: parsed.data,
  };
}
