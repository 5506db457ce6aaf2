import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { MetricAggregation, MetricDirection } from "../lib/taxonomy-schemas";

export interface MetricDefinition {
  id: string;
  key: string;
  name: string;
  description: string;
  unit: string;
  aggregation: MetricAggregation;
  percentile: number | null;
  direction: MetricDirection;
  archivedAt: string | null;
}

/** The organization's outcome metrics, archived ones included, by key. */
export async function fetchMetricDefinitions(organizationId: string): Promise<MetricDefinition[]> {
  const response = await supabase
    .from("metric_definitions")
    .select("id, key, name, description, unit, aggregation, percentile, direction, archived_at")
    .eq("organization_id", organizationId)
    .order("key");
  if (response.error) throw toRequestError("Couldn't load the outcome metrics", response);
  return response.data.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    unit: row.unit,
    aggregation: row.aggregation,
    // The local API returns numbers of some columns as strings; hosted PostgREST does not.
    percentile: row.percentile === null ? null : Number(row.percentile),
    direction: row.direction,
    archivedAt: row.archived_at,
  }));
}
