import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { ExperimentDetailsChanges } from "../lib/experiment-details-schema";

export interface UpdateExperimentDetailsInput {
  experimentId: string;
  changes: ExperimentDetailsChanges;
}

/** Saves a draft's changed details (experiment, intents, actions, metrics) in one transaction. */
export async function updateExperimentDetails({
  experimentId,
  changes,
}: UpdateExperimentDetailsInput) {
  const response = await supabase.rpc("update_experiment_details", {
    p_experiment_id: experimentId,
    p_details: { ...changes },
  });
  if (response.error) throw toDatabaseError("The details weren't saved", response);
}
