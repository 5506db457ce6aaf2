import { ROLES } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";

/**
 * Roles a person may pick for themselves: the database refuses raising your own role to admin, so
 * only admins see it. Whether an admin may step down (another admin must remain) is the
 * database's call, and its message is shown if it refuses.
 */
export function rolesSelectableForSelf(currentRole: AppRole): AppRole[] {
  return currentRole === "admin" ? ROLES : ROLES.filter((role) => role !== "admin");
}
