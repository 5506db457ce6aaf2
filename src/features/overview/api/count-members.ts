import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

export async function countMembers(organizationId: string): Promise<number> {
  const response = await supabase
    .from("memberships")
    .select("user_id", { count: "exact", head: true })
    .eq("organization_id", organizationId);
  if (response.error) throw toRequestError("Couldn't count the members", response);
  return response.count ?? 0;
}
