import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { ScopeKeys, ScopeRef } from "../lib/scope";

/** What rolling back the target scope does to one live scope of the capability. */
export type ImpactChange =
  "rolls_back" | "nothing_to_roll_back" | "keeps_own_deployment" | "unchanged";

export interface ImpactRow extends ScopeRef, ScopeKeys {
  isTarget: boolean;
  change: ImpactChange;
  deployedAt: string | null;
  deployedByName: string | null;
  versionLabel: string | null;
  experimentName: string | null;
  afterVersionLabel: string | null;
  afterExperimentName: string | null;
}

const CHANGES: readonly ImpactChange[] = [
  "rolls_back",
  "nothing_to_roll_back",
  "keeps_own_deployment",
  "unchanged",
];

/** deployment_impact: every live scope of the capability and what the rollback changes there. */
export async function fetchDeploymentImpact(scope: ScopeRef): Promise<ImpactRow[]> {
  const response = await supabase.rpc("deployment_impact", {
    p_capability_id: scope.capabilityId,
    p_action_id: scope.actionId ?? undefined,
    p_intent_id: scope.intentId ?? undefined,
  });
  if (response.error) throw toDatabaseError("Couldn't work out the rollback's impact", response);
  const people = await fetchProfilesByIds(response.data.map((row) => row.deployed_by));
  return response.data.map((row) => {
    const deployer = row.deployed_by ? people.get(row.deployed_by) : undefined;
    return {
      capabilityId: row.capability_id,
      actionId: row.action_id,
      intentId: row.intent_id,
      capabilityKey: row.capability_key,
      actionKey: row.action_key,
      intentKey: row.intent_key,
      isTarget: row.is_target,
      // A value this build does not know is shown as the safe reading: nothing changes there.
      change: CHANGES.includes(row.change as ImpactChange)
        ? (row.change as ImpactChange)
        : "unchanged",
      deployedAt: row.deployed_at,
      deployedByName: deployer ? personName(deployer) : null,
      versionLabel: row.version_label,
      experimentName: row.experiment_name,
      afterVersionLabel: row.after_version_label,
      afterExperimentName: row.after_experiment_name,
    };
  });
}
