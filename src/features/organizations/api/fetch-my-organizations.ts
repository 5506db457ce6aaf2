import { supabase, type AppRole } from "@/lib/supabase";

export interface MyOrganization {
  id: string;
  name: string;
  slug: string;
  role: AppRole;
}

/** The organizations the signed-in user belongs to, with their role in each. */
export async function fetchMyOrganizations(userId: string): Promise<MyOrganization[]> {
  const { data, error } = await supabase
    .from("memberships")
    .select("role, organizations!inner(id, name, slug)")
    .eq("user_id", userId)
    .order("created_at");
  if (error) throw new Error(`Could not load your organizations: ${error.message}`);
  return data.map((row) => ({ ...row.organizations, role: row.role }));
}
