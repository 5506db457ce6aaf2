import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function updateComment({ commentId, body }: { commentId: string; body: string }) {
  const response = await supabase
    .from("experiment_comments")
    .update({ body })
    .eq("id", commentId)
    .select("id");
  if (response.error) throw toDatabaseError("The comment wasn't saved", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The comment wasn't saved: it was deleted, or it isn't yours to edit. Reload the discussion.",
    );
  }
}
