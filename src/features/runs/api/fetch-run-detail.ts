import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { Json } from "@/lib/database.types";
import type { RunStatus } from "../lib/run-filters";

export interface ToolCall {
  name: string;
  durationMs: number | null;
  ok: boolean;
}

export interface LifecycleEvent {
  id: string;
  type: "run_completed" | "run_failed";
  occurredAt: string;
  durationMs: number | null;
  errorType: string | null;
  errorMessage: string | null;
}

export interface RunFeedback {
  id: string;
  occurredAt: string;
  thumbs: "up" | "down" | null;
  rating: number | null;
  comment: string | null;
  endUserId: string | null;
}

export interface RunOutcome {
  id: string;
  metricKey: string;
  value: number;
  source: string;
  occurredAt: string;
}

/** The experiment version that served the run: what the prompt was configured with. */
export interface RunVersionConfig {
  experimentId: string;
  experimentName: string | null;
  number: number;
  branch: string;
  changeMessage: string;
  provider: string;
  model: string;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  params: Json;
  variantLabel: string | null;
}

export interface RunDetail {
  id: string;
  occurredAt: string;
  receivedAt: string;
  externalId: string | null;
  conversationId: string | null;
  account: string | null;
  endUserId: string | null;
  capability: string | null;
  /** The taxonomy's display names for the keys above; null when the key is not in it. */
  capabilityName: string | null;
  action: string | null;
  actionName: string | null;
  intent: string | null;
  intentName: string | null;
  experimentId: string | null;
  variantId: string | null;
  versionId: string | null;
  provider: string | null;
  model: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  tokensCached: number | null;
  costUsd: number | null;
  status: RunStatus;
  errorType: string | null;
  errorMessage: string | null;
  isManual: boolean | null;
  toolCalls: ToolCall[];
  metadata: Json | null;
  version: RunVersionConfig | null;
  lifecycle: LifecycleEvent[];
  feedback: RunFeedback[];
  outcomes: RunOutcome[];
}

const RUN_COLUMNS =
  "id, occurred_at, received_at, external_id, conversation_id, account, end_user_id, capability, action, intent, experiment_id, variant_id, version_id, provider, model, latency_ms, ttft_ms, tokens_in, tokens_out, tokens_cached, cost_usd, status, error_type, error_message, is_manual, tool_calls, metadata";

// The local API returns numeric columns as strings.
const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

function toolCalls(value: Json | null): ToolCall[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((call) => {
    if (!call || typeof call !== "object" || Array.isArray(call)) return [];
    return [
      {
        name: String(call.name ?? ""),
        durationMs: numberOrNull(call.duration_ms),
        ok: call.ok === true,
      },
    ];
  });
}

async function fetchVersion(
  organizationId: string,
  versionId: string,
  variantId: string | null,
): Promise<RunVersionConfig | null> {
  const version = await supabase
    .from("experiment_versions")
    .select(
      "experiment_id, number, branch, change_message, provider, model, temperature, top_p, max_tokens, params",
    )
    .eq("organization_id", organizationId)
    .eq("id", versionId)
    .maybeSingle();
  if (version.error) throw toRequestError("Couldn't load the run's version", version);
  if (!version.data) return null;
  const [experiment, variant] = await Promise.all([
    supabase
      .from("experiments")
      .select("name")
      .eq("organization_id", organizationId)
      .eq("id", version.data.experiment_id)
      .maybeSingle(),
    variantId
      ? supabase
          .from("experiment_variants")
          .select("key, name")
          .eq("organization_id", organizationId)
          .eq("id", variantId)
          .maybeSingle()
      : null,
  ]);
  if (experiment.error) throw toRequestError("Couldn't load the run's experiment", experiment);
  if (variant?.error) throw toRequestError("Couldn't load the run's variant", variant);
  const row = version.data;
  return {
    experimentId: row.experiment_id,
    experimentName: experiment.data?.name ?? null,
    number: Number(row.number),
    branch: row.branch,
    changeMessage: row.change_message,
    provider: row.provider,
    model: row.model,
    temperature: numberOrNull(row.temperature),
    topP: numberOrNull(row.top_p),
    maxTokens: numberOrNull(row.max_tokens),
    params: row.params,
    variantLabel: variant?.data ? variant.data.name || variant.data.key : null,
  };
}

/** The display name of a capability, action or intent key, from the organization's taxonomy. */
async function taxonomyName(
  organizationId: string,
  table: "capabilities" | "actions" | "intents",
  key: string | null,
): Promise<string | null> {
  if (key === null) return null;
  const response = await supabase
    .from(table)
    .select("name")
    .eq("organization_id", organizationId)
    .eq("key", key)
    .maybeSingle();
  if (response.error) throw toRequestError(`Couldn't load the run's ${table}`, response);
  return response.data?.name ?? null;
}

/**
 * One run with everything linked to it: lifecycle events, feedback, outcomes and the version
 * that served it. Null when the run is not in the organization (or does not exist). Never the
 * question and response: those come from run_text, for the roles that may read them.
 */
export async function fetchRunDetail(
  organizationId: string,
  runId: string,
): Promise<RunDetail | null> {
  const [run, lifecycle, feedback, outcomes] = await Promise.all([
    supabase
      .from("llm_runs")
      .select(RUN_COLUMNS)
      .eq("organization_id", organizationId)
      .eq("id", runId)
      .maybeSingle(),
    supabase
      .from("run_lifecycle_events")
      .select("id, type, occurred_at, duration_ms, error_type, error_message")
      .eq("organization_id", organizationId)
      .eq("run_id", runId)
      .order("occurred_at"),
    supabase
      .from("feedback")
      .select("id, occurred_at, thumbs, rating, comment, end_user_id")
      .eq("organization_id", organizationId)
      .eq("run_id", runId)
      .order("occurred_at"),
    supabase
      .from("outcomes")
      .select("id, metric_key, value, source, occurred_at")
      .eq("organization_id", organizationId)
      .eq("run_id", runId)
      .order("occurred_at"),
  ]);
  if (run.error) throw toRequestError("Couldn't load the run", run);
  if (lifecycle.error) throw toRequestError("Couldn't load the run's lifecycle events", lifecycle);
  if (feedback.error) throw toRequestError("Couldn't load the run's feedback", feedback);
  if (outcomes.error) throw toRequestError("Couldn't load the run's outcomes", outcomes);
  if (!run.data) return null;

  const row = run.data;
  const [version, capabilityName, actionName, intentName] = await Promise.all([
    row.version_id ? fetchVersion(organizationId, row.version_id, row.variant_id) : null,
    taxonomyName(organizationId, "capabilities", row.capability),
    taxonomyName(organizationId, "actions", row.action),
    taxonomyName(organizationId, "intents", row.intent),
  ]);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    externalId: row.external_id,
    conversationId: row.conversation_id,
    account: row.account,
    endUserId: row.end_user_id,
    capability: row.capability,
    capabilityName,
    action: row.action,
    actionName,
    intent: row.intent,
    intentName,
    experimentId: row.experiment_id,
    variantId: row.variant_id,
    versionId: row.version_id,
    provider: row.provider,
    model: row.model,
    latencyMs: numberOrNull(row.latency_ms),
    ttftMs: numberOrNull(row.ttft_ms),
    tokensIn: numberOrNull(row.tokens_in),
    tokensOut: numberOrNull(row.tokens_out),
    tokensCached: numberOrNull(row.tokens_cached),
    costUsd: numberOrNull(row.cost_usd),
    status: row.status as RunStatus,
    errorType: row.error_type,
    errorMessage: row.error_message,
    isManual: row.is_manual,
    toolCalls: toolCalls(row.tool_calls),
    metadata: row.metadata,
    version,
    lifecycle: lifecycle.data.map((event) => ({
      id: event.id,
      type: event.type as LifecycleEvent["type"],
      occurredAt: event.occurred_at,
      durationMs: numberOrNull(event.duration_ms),
      errorType: event.error_type,
      errorMessage: event.error_message,
    })),
    feedback: feedback.data.map((item) => ({
      id: item.id,
      occurredAt: item.occurred_at,
      thumbs: item.thumbs as RunFeedback["thumbs"],
      rating: numberOrNull(item.rating),
      comment: item.comment,
      endUserId: item.end_user_id,
    })),
    outcomes: outcomes.data.map((outcome) => ({
      id: outcome.id,
      metricKey: outcome.metric_key,
      value: Number(outcome.value),
      source: outcome.source,
      occurredAt: outcome.occurred_at,
    })),
  };
}
