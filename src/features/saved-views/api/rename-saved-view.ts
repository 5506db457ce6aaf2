import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { SavedViewScope } from "../lib/saved-view";
import { duplicateNameMessage } from "./saved-view-errors";

export interface RenameSavedViewInput {
  viewId: string;
  /** The view's scope, to word a clash with another view's name. */
  scope: SavedViewScope;
  name: string;
}

export async function renameSavedView({ viewId, scope, name }: RenameSavedViewInput) {
  const response = await supabase
    .from("saved_views")
    .update({ name })
    .eq("id", viewId)
    .select("id");
  if (response.error) {
    throw toDatabaseError("Couldn't rename the view", response, {
      "23505": duplicateNameMessage(name, scope),
    });
  }
  if (response.data.length === 0) {
    throw nothingChangedError(
      "Couldn't rename the view. It was deleted, or only product managers and admins may rename shared views.",
    );
  }
}
