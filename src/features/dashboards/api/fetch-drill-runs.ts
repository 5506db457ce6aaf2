import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { AnalyticsScope } from "./dashboard-keys";

export interface DrillRun {
  id: string;
  occurredAt: string;
  model: string | null;
  status: string;
  latencyMs: number | null;
  costUsd: number | null;
  tokens: number | null;
  account: string | null;
  intent: string | null;
}

export const DRILL_RUN_LIMIT = 200;

// The dimensions a drill-down can narrow, by their llm_runs column (the same names).
const RUN_COLUMNS = new Set([
  "experiment_id",
  "variant_id",
  "version_id",
  "model",
  "provider",
  "capability",
  "action",
  "intent",
  "account",
  "status",
]);

/** The most recent runs matching the drill-down's filters: the last level, one row per run. */
export async function fetchDrillRuns(
  organizationId: string,
  scope: AnalyticsScope,
): Promise<DrillRun[]> {
  let query = supabase
    .from("llm_runs")
    .select(
      "id, occurred_at, model, status, latency_ms, cost_usd, tokens_in, tokens_out, account, intent",
    )
    .eq("organization_id", organizationId)
    .gte("occurred_at", scope.from)
    .lt("occurred_at", scope.to);
  for (const [dimension, values] of Object.entries(scope.filters)) {
    if (values && values.length > 0 && RUN_COLUMNS.has(dimension)) {
      query = query.in(dimension as "model", values);
    }
  }
  const response = await query.order("occurred_at", { ascending: false }).limit(DRILL_RUN_LIMIT);
  if (response.error) throw toRequestError("Couldn't load the runs", response);
  return response.data.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    model: row.model,
    status: row.status,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    tokens:
      row.tokens_in === null && row.tokens_out === null
        ? null
        : (row.tokens_in ?? 0) + (row.tokens_out ?? 0),
    account: row.account,
    intent: row.intent,
  }));
}
