import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { ExperimentStatus } from "../lib/experiment-status";

/** Moves the experiment to `status`; the database checks the move, the role and approvals. */
export async function transitionExperiment(experimentId: string, status: ExperimentStatus) {
  const response = await supabase.rpc("transition_experiment", {
    p_experiment_id: experimentId,
    p_status: status,
  });
  if (response.error) throw toDatabaseError("The experiment's status didn't change", response);
}
