import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";
import type { MyOrganization } from "./fetch-my-organizations";

/** Creates an organization with the caller as its admin; the database picks a unique slug. */
export async function createOrganization(name: string): Promise<MyOrganization> {
  const response = await supabase.rpc("create_organization", { p_name: name });
  if (response.error) throw toRequestError("Couldn't create the organization", response);
  const { id, slug } = response.data;
  return { id, name: response.data.name, slug, role: "admin" };
}
