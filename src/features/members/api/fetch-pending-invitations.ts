import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase, type AppRole } from "@/lib/supabase";

export interface PendingInvitation {
  id: string;
  email: string;
  role: AppRole;
  /** Who sent it, or null when their profile is gone or hidden. */
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
}

/**
 * Invitations nobody has accepted or revoked yet, newest first. Expired ones are included: the
 * members page offers to send them again.
 */
export async function fetchPendingInvitations(
  organizationId: string,
): Promise<PendingInvitation[]> {
  const response = await supabase
    .from("invitations")
    .select("id, email, role, invited_by, created_at, expires_at")
    .eq("organization_id", organizationId)
    .is("accepted_at", null)
    .is("revoked_at", null)
    .order("created_at", { ascending: false });
  if (response.error) throw toRequestError("Couldn't load the pending invitations", response);

  const inviters = await fetchProfilesByIds(response.data.map((row) => row.invited_by));
  return response.data.map((row) => {
    const inviter = row.invited_by ? inviters.get(row.invited_by) : undefined;
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      invitedByName: inviter ? personName(inviter) : null,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  });
}
