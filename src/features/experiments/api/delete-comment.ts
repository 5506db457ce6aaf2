import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function deleteComment(commentId: string) {
  const response = await supabase
    .from("experiment_comments")
    .delete()
    .eq("id", commentId)
    .select("id");
  if (response.error) throw toDatabaseError("The comment wasn't deleted", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The comment wasn't deleted: it is already gone, or only its author and admins may delete it. Reload the discussion.",
    );
  }
}
