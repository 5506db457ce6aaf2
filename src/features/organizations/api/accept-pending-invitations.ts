import { supabase, type AppRole } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";
import { parseTimestamp } from "@/lib/timestamps";

export type InvitationOutcome =
  | { status: "accepted"; organizationId: string; organizationName: string; role: AppRole }
  | {
      status: "expired";
      organizationId: string;
      organizationName: string;
      role: AppRole;
      expiresAt: Date;
    };

/**
 * Accepts every open invitation addressed to the signed-in email and reports the expired ones.
 * Safe to call repeatedly: accepted invitations are not reported twice, expired ones always are.
 */
export async function acceptPendingInvitations(): Promise<InvitationOutcome[]> {
  const response = await supabase.rpc("accept_pending_invitations");
  if (response.error) throw toRequestError("Couldn't check your invitations", response);
  return response.data.map((row): InvitationOutcome => {
    const base = {
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      role: row.role,
    };
    return row.status === "expired"
      ? { ...base, status: "expired", expiresAt: parseTimestamp(row.expires_at) }
      : { ...base, status: "accepted" };
  });
}
