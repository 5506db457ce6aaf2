import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export type HubspotConnectionStatus = "connected" | "error" | "invalid_token";

export interface HubspotConnection {
  portalId: string;
  /** All the browser ever knows of the token. */
  tokenLastFour: string;
  status: HubspotConnectionStatus;
  lastError: string | null;
  lastSyncedAt: string | null;
  /** HubSpot asked to wait (429 Retry-After): no sync starts before this. */
  nextSyncAfter: string | null;
  connectedAt: string;
}

/** The organization's HubSpot connection, or null when there is none. */
export async function fetchHubspotConnection(
  organizationId: string,
): Promise<HubspotConnection | null> {
  // Column by column: the encrypted token is not granted to browser roles.
  const response = await supabase
    .from("hubspot_connections")
    .select(
      "portal_id, token_last_four, status, last_error, last_synced_at, next_sync_after, connected_at",
    )
    .eq("organization_id", organizationId)
    .maybeSingle();
  if (response.error) throw toRequestError("Couldn't load the HubSpot connection", response);
  const row = response.data;
  if (!row) return null;
  return {
    portalId: row.portal_id,
    tokenLastFour: row.token_last_four,
    status: row.status as HubspotConnectionStatus,
    lastError: row.last_error,
    lastSyncedAt: row.last_synced_at,
    nextSyncAfter: row.next_sync_after,
    connectedAt: row.connected_at,
  };
}
