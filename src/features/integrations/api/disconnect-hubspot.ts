import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/** Forgets the token and the cursor; mappings, outcomes and the sync history stay. */
export async function disconnectHubspot(organizationId: string) {
  const response = await supabase
    .from("hubspot_connections")
    .delete()
    .eq("organization_id", organizationId)
    .select("organization_id");
  if (response.error) throw toDatabaseError("HubSpot wasn't disconnected", response);
  // Row-level security filters rather than fails: nothing deleted means not allowed (or gone).
  if (response.data.length === 0) {
    throw nothingChangedError(
      "HubSpot wasn't disconnected: only engineers and admins can, or it was already disconnected. Reload the page.",
    );
  }
}
