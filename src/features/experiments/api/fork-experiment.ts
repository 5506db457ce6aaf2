import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function forkExperiment(experimentId: string, name: string): Promise<{ id: string }> {
  const response = await supabase.rpc("fork_experiment", {
    p_experiment_id: experimentId,
    p_name: name,
  });
  if (response.error) throw toDatabaseError("The experiment wasn't forked", response);
  return { id: response.data.id };
}
