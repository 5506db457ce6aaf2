import { fetchProfilesByIds, type ProfileSummary } from "@/features/profiles";
import type { Database, Json } from "@/lib/database.types";
import { RequestError, toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { ExperimentStatus, LlmProvider } from "../lib/experiment-status";

type Tables = Database["public"]["Tables"];

export interface ExperimentVersion {
  id: string;
  number: number;
  branch: string;
  parentVersionId: string | null;
  changeMessage: string;
  provider: LlmProvider;
  model: string;
  promptText: string | null;
  templateVersionId: string | null;
  templateBindings: Json;
  systemPrompt: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  stopSequences: string[];
  tools: Json;
  params: Json;
  createdBy: string | null;
  createdAt: string;
  /** Versions of other experiments (a fork's sources) are shown as parents but not listed. */
  experimentId: string;
}

export interface ExperimentVariant {
  id: string;
  key: string;
  name: string;
  versionId: string;
  allocationBp: number;
  isControl: boolean;
  position: number;
}

export interface ExperimentReview {
  id: string;
  reviewerId: string | null;
  round: number;
  decision: Database["public"]["Enums"]["review_decision"];
  comment: string;
  createdAt: string;
}

export interface ExperimentDetail {
  id: string;
  organizationId: string;
  name: string;
  hypothesis: string;
  capabilityId: string;
  status: ExperimentStatus;
  reviewRound: number;
  originExperimentId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  intentIds: string[];
  actionIds: string[];
  primaryMetricId: string | null;
  guardrailMetricIds: string[];
  variants: ExperimentVariant[];
  /** Oldest first. */
  versions: ExperimentVersion[];
  /** Newest first. */
  reviews: ExperimentReview[];
  deploymentIds: string[];
  people: Map<string, ProfileSummary>;
}

export function toVersion(row: Tables["experiment_versions"]["Row"]): ExperimentVersion {
  return {
    id: row.id,
    number: row.number,
    branch: row.branch,
    parentVersionId: row.parent_version_id,
    changeMessage: row.change_message,
    provider: row.provider,
    model: row.model,
    promptText: row.prompt_text,
    templateVersionId: row.template_version_id,
    templateBindings: row.template_bindings,
    systemPrompt: row.system_prompt,
    // The local API returns numeric values as strings; the columns are numbers everywhere else.
    temperature: row.temperature === null ? null : Number(row.temperature),
    topP: row.top_p === null ? null : Number(row.top_p),
    maxTokens: row.max_tokens,
    stopSequences: row.stop_sequences,
    tools: row.tools,
    params: row.params,
    createdBy: row.created_by,
    createdAt: row.created_at,
    experimentId: row.experiment_id,
  };
}

/** One experiment with everything its page shows, or a "not found" error. */
export async function fetchExperiment(
  organizationId: string,
  experimentId: string,
): Promise<ExperimentDetail> {
  const experiment = await supabase
    .from("experiments")
    .select(
      "id, organization_id, name, hypothesis, capability_id, status, review_round, origin_experiment_id, created_by, created_at, updated_at",
    )
    .eq("organization_id", organizationId)
    .eq("id", experimentId)
    .maybeSingle();
  if (experiment.error) throw toRequestError("Couldn't load the experiment", experiment);
  if (!experiment.data) {
    throw new RequestError(
      "This experiment doesn't exist in this organization, or the link is wrong.",
      { retryable: false },
    );
  }
  const row = experiment.data;

  const [intents, actions, metrics, variants, versions, reviews, deployments] = await Promise.all([
    supabase.from("experiment_intents").select("intent_id").eq("experiment_id", experimentId),
    supabase.from("experiment_actions").select("action_id").eq("experiment_id", experimentId),
    supabase.from("experiment_metrics").select("metric_id, role").eq("experiment_id", experimentId),
    supabase
      .from("experiment_variants")
      .select("id, key, name, version_id, allocation_bp, is_control, position")
      .eq("experiment_id", experimentId)
      .order("position")
      .order("key"),
    supabase
      .from("experiment_versions")
      .select("*")
      .eq("experiment_id", experimentId)
      .order("number"),
    supabase
      .from("experiment_reviews")
      .select("id, reviewer_id, round, decision, comment, created_at")
      .eq("experiment_id", experimentId)
      .order("created_at", { ascending: false }),
    supabase.from("deployments").select("id").eq("experiment_id", experimentId),
  ]);
  for (const response of [intents, actions, metrics, variants, versions, reviews, deployments]) {
    if (response.error) throw toRequestError("Couldn't load the experiment", response);
  }

  // A fork's first versions have parents in the source experiment: load them to link to.
  const ownVersions = (versions.data ?? []).map(toVersion);
  const ownIds = new Set(ownVersions.map((version) => version.id));
  const foreignParents = ownVersions
    .map((version) => version.parentVersionId)
    .filter((id): id is string => id !== null && !ownIds.has(id));
  let parentVersions: ExperimentVersion[] = [];
  if (foreignParents.length > 0) {
    const parents = await supabase.from("experiment_versions").select("*").in("id", foreignParents);
    if (parents.error) throw toRequestError("Couldn't load the experiment's history", parents);
    parentVersions = parents.data.map(toVersion);
  }

  const reviewRows = reviews.data ?? [];
  const people = await fetchProfilesByIds([
    row.created_by,
    ...ownVersions.map((version) => version.createdBy),
    ...reviewRows.map((review) => review.reviewer_id),
  ]);

  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    hypothesis: row.hypothesis,
    capabilityId: row.capability_id,
    status: row.status,
    reviewRound: row.review_round,
    originExperimentId: row.origin_experiment_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    intentIds: (intents.data ?? []).map((intent) => intent.intent_id),
    actionIds: (actions.data ?? []).map((action) => action.action_id),
    primaryMetricId:
      (metrics.data ?? []).find((metric) => metric.role === "primary")?.metric_id ?? null,
    guardrailMetricIds: (metrics.data ?? [])
      .filter((metric) => metric.role === "guardrail")
      .map((metric) => metric.metric_id),
    variants: (variants.data ?? []).map((variant) => ({
      id: variant.id,
      key: variant.key,
      name: variant.name,
      versionId: variant.version_id,
      allocationBp: variant.allocation_bp,
      isControl: variant.is_control,
      position: variant.position,
    })),
    versions: [...parentVersions, ...ownVersions],
    reviews: reviewRows.map((review) => ({
      id: review.id,
      reviewerId: review.reviewer_id,
      round: review.round,
      decision: review.decision,
      comment: review.comment,
      createdAt: review.created_at,
    })),
    deploymentIds: (deployments.data ?? []).map((deployment) => deployment.id),
    people,
  };
}
