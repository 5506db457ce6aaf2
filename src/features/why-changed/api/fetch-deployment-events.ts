import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export interface DeploymentEvent {
  id: string;
  kind: "deploy" | "rollback";
  deployedAt: string;
  note: string;
  /** The capability key runs carry, to compare that scope's traffic. */
  capabilityKey: string;
  capabilityName: string;
  experimentName: string | null;
}

const LIMIT = 200;

/** Deployments and rollbacks, newest first: the events a before/after view can centre on. */
export async function fetchDeploymentEvents(organizationId: string): Promise<DeploymentEvent[]> {
  const [deployments, capabilities, experiments] = await Promise.all([
    supabase
      .from("deployments")
      .select("id, kind, deployed_at, note, capability_id, experiment_id")
      .eq("organization_id", organizationId)
      .order("deployed_at", { ascending: false })
      .limit(LIMIT),
    supabase.from("capabilities").select("id, key, name").eq("organization_id", organizationId),
    supabase.from("experiments").select("id, name").eq("organization_id", organizationId),
  ]);
  for (const response of [deployments, capabilities, experiments]) {
    if (response.error) throw toRequestError("Couldn't load the deployments", response);
  }
  const capabilityById = new Map((capabilities.data ?? []).map((c) => [c.id, c]));
  const experimentName = new Map((experiments.data ?? []).map((e) => [e.id, e.name]));
  return (deployments.data ?? []).flatMap((d) => {
    const capability = capabilityById.get(d.capability_id);
    if (!capability) return [];
    return [
      {
        id: d.id,
        kind: d.kind,
        deployedAt: d.deployed_at,
        note: d.note,
        capabilityKey: capability.key,
        capabilityName: capability.name,
        experimentName: d.experiment_id ? (experimentName.get(d.experiment_id) ?? null) : null,
      },
    ];
  });
}
