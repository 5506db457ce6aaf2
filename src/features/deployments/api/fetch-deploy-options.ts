import type { Database } from "@/lib/database.types";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import { versionLabel } from "../lib/version-label";

export interface DeployableExperiment {
  id: string;
  name: string;
  status: Database["public"]["Enums"]["experiment_status"];
  capabilityId: string;
  /** The versions its variants use: the only ones review let through. */
  versions: Array<{ id: string; label: string; variantKey: string; isControl: boolean }>;
}

/**
 * What can be deployed: versions used by variants of experiments that went active (the database
 * refuses anything else), grouped by experiment.
 */
export async function fetchDeployOptions(organizationId: string): Promise<DeployableExperiment[]> {
  const experiments = await supabase
    .from("experiments")
    .select("id, name, status, capability_id, activated_at")
    .eq("organization_id", organizationId)
    .order("name");
  if (experiments.error) throw toRequestError("Couldn't load the experiments", experiments);
  const reviewed = experiments.data.filter((e) => e.activated_at !== null);
  const ids = reviewed.map((e) => e.id);
  if (ids.length === 0) return [];

  const variants = await supabase
    .from("experiment_variants")
    .select("experiment_id, key, is_control, position, version_id")
    .in("experiment_id", ids)
    .order("position")
    .order("key");
  if (variants.error) throw toRequestError("Couldn't load the experiments' variants", variants);
  const versions = await supabase
    .from("experiment_versions")
    .select("id, number, branch")
    .in("id", [...new Set(variants.data.map((v) => v.version_id))]);
  if (versions.error) throw toRequestError("Couldn't load the versions", versions);
  const versionsById = new Map(versions.data.map((v) => [v.id, v]));

  return reviewed.map((experiment) => ({
    id: experiment.id,
    name: experiment.name,
    status: experiment.status,
    capabilityId: experiment.capability_id,
    versions: variants.data
      .filter((variant) => variant.experiment_id === experiment.id)
      .flatMap((variant) => {
        const version = versionsById.get(variant.version_id);
        if (!version) return [];
        return [
          {
            id: version.id,
            label: versionLabel({ experimentName: experiment.name, ...version }),
            variantKey: variant.key,
            isControl: variant.is_control,
          },
        ];
      }),
  }));
}
