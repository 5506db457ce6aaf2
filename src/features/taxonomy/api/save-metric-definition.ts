import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { MetricDefinitionValues } from "../lib/taxonomy-schemas";

const DUPLICATE = "There is already a metric with that key: keys are unique in the organization.";

/** Creates an outcome metric definition; returns its id. */
export async function createMetricDefinition(
  organizationId: string,
  values: MetricDefinitionValues,
): Promise<string> {
  const response = await supabase
    .from("metric_definitions")
    .insert({ organization_id: organizationId, ...values })
    .select("id")
    .single();
  if (response.error) {
    throw toDatabaseError("The metric wasn't created", response, { "23505": DUPLICATE });
  }
  return response.data.id;
}

export type MetricDefinitionChanges = Partial<Omit<MetricDefinitionValues, "key">> & {
  archivedAt?: string | null;
};

/** Edits or (un)archives a metric. The key never changes: ingested outcomes refer to it. */
export async function updateMetricDefinition(
  id: string,
  { archivedAt, ...changes }: MetricDefinitionChanges,
): Promise<void> {
  const response = await supabase
    .from("metric_definitions")
    .update({ ...changes, archived_at: archivedAt })
    .eq("id", id)
    .select("id");
  if (response.error) throw toDatabaseError("The metric wasn't saved", response);
  if (response.data.length === 0) {
    throw nothingChangedError("The metric wasn't saved: you may not edit it any more.");
  }
}
