import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { SavedView } from "../lib/saved-view";

/** The caller's personal views and the organization's shared ones (RLS hides everyone else's). */
export async function fetchSavedViews(organizationId: string): Promise<SavedView[]> {
  const response = await supabase
    .from("saved_views")
    .select("id, name, scope, owner_id, path, query, updated_at")
    .eq("organization_id", organizationId)
    .order("name");
  if (response.error) throw toRequestError("Couldn't load the saved views", response);
  return response.data.map((row) => ({
    id: row.id,
    name: row.name,
    scope: row.scope as SavedView["scope"],
    ownerId: row.owner_id,
    path: row.path,
    query: row.query,
    updatedAt: row.updated_at,
  }));
}
