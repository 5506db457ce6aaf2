import type { OutcomeSource } from "@shared/ingest-events.ts";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export const RECENT_OUTCOMES_LIMIT = 50;

export interface RecordedOutcome {
  id: string;
  metricKey: string;
  value: number;
  occurredAt: string;
  receivedAt: string;
  source: OutcomeSource;
  runId: string | null;
  runExternalId: string | null;
  conversationId: string | null;
  endUserId: string | null;
  account: string | null;
}

/** The organization's most recently recorded outcomes, newest first. */
export async function fetchRecentOutcomes(organizationId: string): Promise<RecordedOutcome[]> {
  const response = await supabase
    .from("outcomes")
    .select(
      "id, metric_key, value, occurred_at, received_at, source, run_id, run_external_id, conversation_id, end_user_id, account",
    )
    .eq("organization_id", organizationId)
    .order("received_at", { ascending: false })
    .order("id")
    .limit(RECENT_OUTCOMES_LIMIT);
  if (response.error) throw toRequestError("Couldn't load the recent outcomes", response);
  return response.data.map((row) => ({
    id: row.id,
    metricKey: row.metric_key,
    // The local API returns numeric columns as strings; hosted PostgREST does not.
    value: Number(row.value),
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    source: row.source as OutcomeSource,
    runId: row.run_id,
    runExternalId: row.run_external_id,
    conversationId: row.conversation_id,
    endUserId: row.end_user_id,
    account: row.account,
  }));
}
