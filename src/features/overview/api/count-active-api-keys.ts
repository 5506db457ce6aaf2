import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

/** Keys not revoked; only engineers and admins can read API keys at all. */
export async function countActiveApiKeys(organizationId: string): Promise<number> {
  const response = await supabase
    .from("api_keys")
    .select("id", { count: "exact", head: true })
    .eq("organization_id", organizationId)
    .is("revoked_at", null);
  if (response.error) throw toRequestError("Couldn't count the API keys", response);
  return response.count ?? 0;
}
