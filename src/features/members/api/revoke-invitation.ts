import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/** Withdraws an open invitation; it stays in the history as revoked. */
export async function revokeInvitation(invitationId: string) {
  const response = await supabase
    .from("invitations")
    .update({ revoked_at: new Date().toISOString() })
    .eq("id", invitationId)
    .is("revoked_at", null)
    .is("accepted_at", null)
    .select("id");
  if (response.error) throw toDatabaseError("The invitation wasn't revoked", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "This invitation is no longer open: it was accepted or revoked in the meantime. Reload the page to see the current invitations.",
    );
  }
}
