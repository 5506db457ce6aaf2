import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface RemoveMemberInput {
  organizationId: string;
  userId: string;
}

/** Removes a member, or lets the signed-in user leave. The last admin can do neither. */
export async function removeMember({ organizationId, userId }: RemoveMemberInput) {
  const response = await supabase
    .from("memberships")
    .delete()
    .eq("organization_id", organizationId)
    .eq("user_id", userId)
    .select("user_id");
  if (response.error) throw toDatabaseError("Nobody was removed", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "Nobody was removed: this person may have left already, or your admin access was removed. Reload the page to see the current members.",
    );
  }
}
