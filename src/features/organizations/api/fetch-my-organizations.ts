import { supabase, type AppRole } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

export interface MyOrganization {
  id: string;
  name: string;
  slug: string;
  role: AppRole;
}

/** The organizations the signed-in user belongs to, with their role in each, oldest membership first. */
export async function fetchMyOrganizations(userId: string): Promise<MyOrganization[]> {
  const response = await supabase
    .from("memberships")
    .select("role, organization:organizations!inner(id, name, slug)")
    .eq("user_id", userId)
    .order("created_at");
  if (response.error) throw toRequestError("Couldn't load your organizations", response);
  return response.data.map(({ role, organization }) => ({ ...organization, role }));
}
