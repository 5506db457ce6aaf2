import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { CreateExperimentValues } from "../lib/create-experiment-schema";
import { versionConfig } from "../lib/version-config";

/** Creates a draft with its control variant and first version, in one transaction. */
export async function createExperiment(
  organizationId: string,
  values: CreateExperimentValues,
): Promise<{ id: string }> {
  const response = await supabase.rpc("create_experiment", {
    p_organization_id: organizationId,
    p_experiment: {
      name: values.name,
      hypothesis: values.hypothesis,
      capability_id: values.capabilityId,
      intent_ids: values.intentIds,
      action_ids: values.actionIds,
      primary_metric_id: values.primaryMetricId,
      guardrail_metric_ids: values.guardrailMetricIds,
      variants: [
        {
          key: "control",
          name: "Control",
          is_control: true,
          allocation_bp: 10000,
          version: {
            ...versionConfig(values.version),
            change_message: values.version.changeMessage,
          },
        },
      ],
    },
  });
  if (response.error) throw toDatabaseError("The experiment wasn't created", response);
  return { id: response.data.id };
}
