import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export interface HubspotSyncRun {
  id: string;
  trigger: "manual" | "scheduled";
  fullSync: boolean;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "succeeded" | "incomplete" | "rate_limited" | "failed";
  pages: number;
  records: number;
  outcomesWritten: number;
  error: string | null;
  retryAfter: string | null;
}

export const SYNC_HISTORY_LENGTH = 20;

/** The organization's latest syncs, newest first. */
export async function fetchHubspotSyncRuns(organizationId: string): Promise<HubspotSyncRun[]> {
  const response = await supabase
    .from("hubspot_sync_runs")
    .select(
      "id, trigger, full_sync, started_at, finished_at, status, pages, records, outcomes_written, error, retry_after",
    )
    .eq("organization_id", organizationId)
    .order("started_at", { ascending: false })
    .limit(SYNC_HISTORY_LENGTH);
  if (response.error) throw toRequestError("Couldn't load the sync history", response);
  return response.data.map((row) => ({
    id: row.id,
    trigger: row.trigger as HubspotSyncRun["trigger"],
    fullSync: row.full_sync,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as HubspotSyncRun["status"],
    // The local API returns some numbers as strings; hosted PostgREST does not.
    pages: Number(row.pages),
    records: Number(row.records),
    outcomesWritten: Number(row.outcomes_written),
    error: row.error,
    retryAfter: row.retry_after,
  }));
}
