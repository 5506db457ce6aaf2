import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

export async function rememberLastOrganization(
  userId: string,
  organizationId: string,
): Promise<void> {
  const response = await supabase
    .from("profiles")
    .update({ last_organization_id: organizationId })
    .eq("id", userId);
  if (response.error) throw toRequestError("Couldn't remember your organization", response);
}
