import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

/** Invitations still waiting for their invitee: not accepted, not revoked, not expired. Admins only. */
export async function countPendingInvitations(organizationId: string, now: Date): Promise<number> {
  const response = await supabase
    .from("invitations")
    .select("id", { count: "exact", head: true })
    .eq("organization_id", organizationId)
    .is("accepted_at", null)
    .is("revoked_at", null)
    .gt("expires_at", now.toISOString());
  if (response.error) throw toRequestError("Couldn't count the pending invitations", response);
  return response.count ?? 0;
}
