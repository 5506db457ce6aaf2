import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface ReviewInput {
  experimentId: string;
  decision: "approved" | "changes_requested";
  comment: string;
}

export async function reviewExperiment({ experimentId, decision, comment }: ReviewInput) {
  const response = await supabase.rpc("review_experiment", {
    p_experiment_id: experimentId,
    p_decision: decision,
    p_comment: comment,
  });
  if (response.error) {
    throw toDatabaseError("The review wasn't recorded", response, {
      "23505": "You have already reviewed this round. It counts once per person.",
    });
  }
}
