import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { SavedViewScope } from "../lib/saved-view";
import { duplicateNameMessage } from "./saved-view-errors";

export interface CreateSavedViewInput {
  organizationId: string;
  ownerId: string;
  name: string;
  scope: SavedViewScope;
  path: string;
  query: string;
}

export async function createSavedView(input: CreateSavedViewInput): Promise<string> {
  const response = await supabase
    .from("saved_views")
    .insert({
      organization_id: input.organizationId,
      owner_id: input.ownerId,
      name: input.name,
      scope: input.scope,
      path: input.path,
      query: input.query,
    })
    .select("id")
    .single();
  if (response.error) {
    throw toDatabaseError("Couldn't save the view", response, {
      "23505": duplicateNameMessage(input.name, input.scope),
    });
  }
  return response.data.id;
}
