import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { ScopeRef } from "../lib/scope";

/** Restores the scope's previous deployment, recording who, when and why. */
export async function rollbackDeployment(scope: ScopeRef, reason: string): Promise<void> {
  const response = await supabase.rpc("rollback_deployment", {
    p_capability_id: scope.capabilityId,
    p_reason: reason,
    p_action_id: scope.actionId ?? undefined,
    p_intent_id: scope.intentId ?? undefined,
  });
  // 55000 ("nothing to roll back to", "nothing is deployed") is worded for people too.
  if (response.error) {
    throw toDatabaseError("The rollback didn't happen", response, {
      "55000": `The rollback didn't happen. ${response.error.message}.`,
    });
  }
}
