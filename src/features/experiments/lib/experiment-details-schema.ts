import { z } from "zod";

/**
 * What describes an experiment apart from its versions and variants: set when a draft is
 * created, editable while it stays a draft.
 */
export const experimentDetailsFields = {
  name: z
    .string()
    .trim()
    .min(3, "Name the experiment with at least 3 characters.")
    .max(120, "Keep the name to 120 characters or fewer."),
  hypothesis: z
    .string()
    .trim()
    .min(10, "State the hypothesis: what change do you expect, and on which metric?")
    .max(2000, "Keep the hypothesis to 2000 characters or fewer."),
  capabilityId: z.string().min(1, "Choose the capability the experiment serves."),
  intentIds: z.array(z.string()),
  actionIds: z.array(z.string()),
  primaryMetricId: z.string().min(1, "Choose the primary metric the experiment is judged on."),
  guardrailMetricIds: z.array(z.string()),
};

/** The form's values, and (trimmed) what it saves. */
export interface ExperimentDetailsValues {
  name: string;
  hypothesis: string;
  capabilityId: string;
  intentIds: string[];
  actionIds: string[];
  primaryMetricId: string;
  guardrailMetricIds: string[];
}

export function refineGuardrails(
  values: Pick<ExperimentDetailsValues, "primaryMetricId" | "guardrailMetricIds">,
  context: z.RefinementCtx,
) {
  if (values.guardrailMetricIds.includes(values.primaryMetricId)) {
    context.addIssue({
      code: "custom",
      path: ["guardrailMetricIds"],
      message: "The primary metric can't also be a guardrail.",
    });
  }
}

/** The Edit details form. */
export const experimentDetailsSchema = z
  .object(experimentDetailsFields)
  .superRefine(refineGuardrails);

/** The arguments of update_experiment_details: only what changed, so edits elsewhere survive. */
export interface ExperimentDetailsChanges {
  name?: string;
  hypothesis?: string;
  capability_id?: string;
  intent_ids?: string[];
  action_ids?: string[];
  primary_metric_id?: string;
  guardrail_metric_ids?: string[];
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/**
 * The changes from `current` to `next`, as update_experiment_details takes them; empty when
 * nothing changed. Lists compare as sets: ticking a box off and on again is no change.
 */
export function detailsChanges(
  current: Omit<ExperimentDetailsValues, "primaryMetricId"> & { primaryMetricId: string | null },
  next: ExperimentDetailsValues,
): ExperimentDetailsChanges {
  const changes: ExperimentDetailsChanges = {};
  if (next.name !== current.name) changes.name = next.name;
  if (next.hypothesis !== current.hypothesis) changes.hypothesis = next.hypothesis;
  if (next.capabilityId !== current.capabilityId) changes.capability_id = next.capabilityId;
  if (!sameSet(next.intentIds, current.intentIds)) changes.intent_ids = next.intentIds;
  if (!sameSet(next.actionIds, current.actionIds)) changes.action_ids = next.actionIds;
  if (next.primaryMetricId !== current.primaryMetricId) {
    changes.primary_metric_id = next.primaryMetricId;
  }
  if (!sameSet(next.guardrailMetricIds, current.guardrailMetricIds)) {
    changes.guardrail_metric_ids = next.guardrailMetricIds;
  }
  return changes;
}
