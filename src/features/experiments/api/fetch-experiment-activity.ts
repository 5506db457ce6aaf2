import { fetchProfilesByIds, type ProfileSummary } from "@/features/profiles";
import type { Json } from "@/lib/database.types";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { ExperimentDetail } from "./fetch-experiment";

export interface ActivityEntry {
  id: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: { [column: string]: Json | undefined } | null;
  after: { [column: string]: Json | undefined } | null;
  createdAt: string;
}

export interface ExperimentActivity {
  entries: ActivityEntry[];
  people: Map<string, ProfileSummary>;
}

function asRowImage(value: Json): ActivityEntry["before"] {
  return value && typeof value === "object" && !Array.isArray(value) ? value : null;
}

/**
 * The audit entries about this experiment and its parts. Audit rows name their entity by id
 * (link tables by "experiment:other" ids), all of which the experiment page already knows.
 */
export async function fetchExperimentActivity(
  experiment: ExperimentDetail,
): Promise<ExperimentActivity> {
  const entityIds = [
    experiment.id,
    ...experiment.versions
      .filter((version) => version.experimentId === experiment.id)
      .map((version) => version.id),
    ...experiment.variants.map((variant) => variant.id),
    ...experiment.reviews.map((review) => review.id),
    ...experiment.deploymentIds,
    ...experiment.intentIds.map((id) => `${experiment.id}:${id}`),
    ...experiment.actionIds.map((id) => `${experiment.id}:${id}`),
    ...[experiment.primaryMetricId, ...experiment.guardrailMetricIds]
      .filter((id): id is string => id !== null)
      .map((id) => `${experiment.id}:${id}`),
  ];
  const response = await supabase
    .from("audit_log")
    .select("id, actor_id, action, entity_type, entity_id, before, after, created_at")
    .eq("organization_id", experiment.organizationId)
    .in("entity_id", entityIds)
    .order("created_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(200);
  if (response.error) throw toRequestError("Couldn't load the experiment's activity", response);
  const entries = response.data.map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: asRowImage(row.before),
    after: asRowImage(row.after),
    createdAt: row.created_at,
  }));
  const people = await fetchProfilesByIds(entries.map((entry) => entry.actorId));
  return { entries, people };
}
