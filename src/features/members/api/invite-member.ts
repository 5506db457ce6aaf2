import { toDatabaseError } from "@/lib/database-errors";
import { supabase, type AppRole } from "@/lib/supabase";

export interface InviteMemberInput {
  organizationId: string;
  /** Already lowercased by the form schema; the database only accepts lowercase. */
  email: string;
  role: AppRole;
  /** The signed-in admin; row-level security checks it is really them. */
  invitedBy: string;
}

// The open-invitation unique index is the only 23505 an invitation insert can hit.
const INVITATION_MESSAGES_BY_CODE = {
  "23505": "An invitation for that email is already pending.",
};

/**
 * Creates an invitation. No email is sent: the person joins with this role when they sign up,
 * or sign in, with this address.
 */
export async function inviteMember({ organizationId, email, role, invitedBy }: InviteMemberInput) {
  const response = await supabase
    .from("invitations")
    .insert({ organization_id: organizationId, email, role, invited_by: invitedBy });
  if (response.error) {
    throw toDatabaseError("The invitation wasn't sent", response, INVITATION_MESSAGES_BY_CODE);
  }
}
