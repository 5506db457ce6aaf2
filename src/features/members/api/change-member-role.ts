import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase, type AppRole } from "@/lib/supabase";

export interface ChangeMemberRoleInput {
  organizationId: string;
  userId: string;
  role: AppRole;
}

/**
 * Sets a member's role. The database refuses, with a sentence for people, raising your own role
 * and demoting the last admin; that sentence reaches the page unchanged.
 */
export async function changeMemberRole({ organizationId, userId, role }: ChangeMemberRoleInput) {
  const response = await supabase
    .from("memberships")
    .update({ role })
    .eq("organization_id", organizationId)
    .eq("user_id", userId)
    .select("user_id, role");
  if (response.error) throw toDatabaseError("The role wasn't changed", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The role wasn't changed: this person may have left, or your admin access was removed. Reload the page to see the current members.",
    );
  }
}
