import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { DeployValues } from "../lib/deploy-schema";

/** Makes a version (or an active experiment, its control as baseline) live for a scope. */
export async function deployVersion(values: DeployValues): Promise<void> {
  const response = await supabase.rpc("deploy", {
    p_capability_id: values.capabilityId,
    p_version_id: values.versionId ?? undefined,
    p_experiment_id: values.splitTraffic ? values.experimentId : undefined,
    p_action_id: values.actionId ?? undefined,
    p_intent_id: values.intentId ?? undefined,
    p_note: values.note,
  });
  if (response.error) {
    throw toDatabaseError("The deployment didn't happen", response, {
      "55000": `The deployment didn't happen. ${response.error.message}.`,
    });
  }
}
