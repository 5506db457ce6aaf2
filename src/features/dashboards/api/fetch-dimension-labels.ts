import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

/** Names for the ids and keys that dimensions hold, per dimension: value → label. */
export type DimensionLabels = Partial<Record<string, Map<string, string>>>;

/**
 * Experiments, variants and versions are stored on runs by id, the taxonomy by key: this reads
 * their names once so tables, charts and filters can show them.
 */
export async function fetchDimensionLabels(organizationId: string): Promise<DimensionLabels> {
  const [experiments, variants, versions, capabilities, intents, actions] = await Promise.all([
    supabase.from("experiments").select("id, name").eq("organization_id", organizationId),
    supabase
      .from("experiment_variants")
      .select("id, key, name, experiment_id")
      .eq("organization_id", organizationId),
    supabase
      .from("experiment_versions")
      .select("id, number, experiment_id")
      .eq("organization_id", organizationId),
    supabase.from("capabilities").select("key, name").eq("organization_id", organizationId),
    supabase.from("intents").select("key, name").eq("organization_id", organizationId),
    supabase.from("actions").select("key, name").eq("organization_id", organizationId),
  ]);
  for (const response of [experiments, variants, versions, capabilities, intents, actions]) {
    if (response.error)
      throw toRequestError("Couldn't load experiment and taxonomy names", response);
  }
  const experimentNames = new Map((experiments.data ?? []).map((row) => [row.id, row.name]));
  const inExperiment = (experimentId: string) =>
    experimentNames.get(experimentId) ?? "Unknown experiment";
  return {
    experiment_id: experimentNames,
    variant_id: new Map(
      (variants.data ?? []).map((row) => [
        row.id,
        `${row.name || row.key} · ${inExperiment(row.experiment_id)}`,
      ]),
    ),
    version_id: new Map(
      (versions.data ?? []).map((row) => [
        row.id,
        `v${row.number} · ${inExperiment(row.experiment_id)}`,
      ]),
    ),
    capability: new Map((capabilities.data ?? []).map((row) => [row.key, row.name])),
    intent: new Map((intents.data ?? []).map((row) => [row.key, row.name])),
    action: new Map((actions.data ?? []).map((row) => [row.key, row.name])),
  };
}

/** A dimension value for people: its name when known, else the stored value; null is "None". */
export function labelFor(
  labels: DimensionLabels | undefined,
  dimension: string,
  value: string | null,
) {
  if (value === null) return "None";
  return labels?.[dimension]?.get(value) ?? value;
}
