import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function deleteSavedView(viewId: string): Promise<void> {
  const response = await supabase.from("saved_views").delete().eq("id", viewId).select("id");
  if (response.error) throw toDatabaseError("Couldn't delete the view", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "Couldn't delete the view. It was already deleted, or only product managers and admins may delete shared views.",
    );
  }
}
