import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

/** The organization the person last worked in (profiles.last_organization_id), if any. */
export async function fetchLastOrganizationId(userId: string): Promise<string | null> {
  const response = await supabase
    .from("profiles")
    .select("last_organization_id")
    .eq("id", userId)
    .maybeSingle();
  if (response.error) throw toRequestError("Couldn't load your last organization", response);
  return response.data?.last_organization_id ?? null;
}
