import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { ExperimentStatus } from "../lib/experiment-status";
import type { ExperimentListFilters } from "./experiment-keys";

export interface ExperimentSummary {
  id: string;
  name: string;
  status: ExperimentStatus;
  capabilityId: string;
  variantCount: number;
  primaryMetricId: string | null;
  authorName: string | null;
  updatedAt: string;
}

/**
 * The organization's experiments, most recently changed first. Names of capabilities and
 * metrics come from the options query; variants, metrics and authors are read here in bulk
 * (composite foreign keys, so no embedding).
 */
export async function fetchExperiments(
  organizationId: string,
  filters: ExperimentListFilters,
): Promise<ExperimentSummary[]> {
  let query = supabase
    .from("experiments")
    .select("id, name, status, capability_id, created_by, updated_at")
    .eq("organization_id", organizationId);
  if (filters.status) query = query.eq("status", filters.status);
  if (filters.capabilityId) query = query.eq("capability_id", filters.capabilityId);
  const experiments = await query.order("updated_at", { ascending: false });
  if (experiments.error) throw toRequestError("Couldn't load the experiments", experiments);
  if (experiments.data.length === 0) return [];

  const ids = experiments.data.map((row) => row.id);
  const [variants, metrics, authors] = await Promise.all([
    supabase.from("experiment_variants").select("experiment_id").in("experiment_id", ids),
    supabase
      .from("experiment_metrics")
      .select("experiment_id, metric_id")
      .in("experiment_id", ids)
      .eq("role", "primary"),
    fetchProfilesByIds(experiments.data.map((row) => row.created_by)),
  ]);
  if (variants.error) throw toRequestError("Couldn't load the experiments' variants", variants);
  if (metrics.error) throw toRequestError("Couldn't load the experiments' metrics", metrics);

  const variantCounts = new Map<string, number>();
  for (const row of variants.data) {
    variantCounts.set(row.experiment_id, (variantCounts.get(row.experiment_id) ?? 0) + 1);
  }
  const primaryMetrics = new Map(metrics.data.map((row) => [row.experiment_id, row.metric_id]));

  return experiments.data.map((row) => {
    const author = row.created_by ? authors.get(row.created_by) : undefined;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      capabilityId: row.capability_id,
      variantCount: variantCounts.get(row.id) ?? 0,
      primaryMetricId: primaryMetrics.get(row.id) ?? null,
      authorName: author ? personName(author) : null,
      updatedAt: row.updated_at,
    };
  });
}
