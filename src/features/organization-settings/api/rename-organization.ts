import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface RenameOrganizationInput {
  organizationId: string;
  name: string;
}

/** Renames the organization. Its slug, and so every link to it, stays the same. */
export async function renameOrganization({ organizationId, name }: RenameOrganizationInput) {
  const response = await supabase
    .from("organizations")
    .update({ name })
    .eq("id", organizationId)
    .select("id");
  if (response.error) throw toDatabaseError("The organization wasn't renamed", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The organization wasn't renamed: only admins can rename it, and your admin access may have been removed. Reload the page to check.",
    );
  }
}
