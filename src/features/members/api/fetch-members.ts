import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase, type AppRole } from "@/lib/supabase";

export interface Member {
  userId: string;
  role: AppRole;
  joinedAt: string;
  /** Display name, else email; null only if the profile can't be read. */
  name: string | null;
  email: string | null;
}

/** Everyone in the organization with their role, named from their profiles, sorted by name. */
export async function fetchMembers(organizationId: string): Promise<Member[]> {
  const response = await supabase
    .from("memberships")
    .select("user_id, role, created_at")
    .eq("organization_id", organizationId);
  if (response.error) throw toRequestError("Couldn't load the members", response);

  // memberships.user_id references auth.users, not profiles, so PostgREST can't embed the
  // profile: a second query names everyone at once.
  const profiles = await fetchProfilesByIds(response.data.map((row) => row.user_id));
  return response.data
    .map((row) => {
      const profile = profiles.get(row.user_id);
      return {
        userId: row.user_id,
        role: row.role,
        joinedAt: row.created_at,
        name: profile ? personName(profile) : null,
        email: profile?.email ?? null,
      };
    })
    .sort((a, b) => (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"));
}
