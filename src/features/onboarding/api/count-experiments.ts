import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

/** How many experiments the organization has, of any status: none means a new organization. */
export async function countExperiments(organizationId: string): Promise<number> {
  const response = await supabase
    .from("experiments")
    .select("id", { count: "exact", head: true })
    .eq("organization_id", organizationId);
  if (response.error) throw toRequestError("Couldn't count the experiments", response);
  return response.count ?? 0;
}
