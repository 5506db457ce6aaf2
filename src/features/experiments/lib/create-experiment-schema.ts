import { z } from "zod";
import {
  refineVersion,
  toVersionContent,
  versionFields,
  EMPTY_VERSION_FORM,
  type TemplateVariable,
  type VersionFormValues,
} from "./version-form-schema";
import type { VersionContent } from "./version-config";
import {
  experimentDetailsFields,
  refineGuardrails,
  type ExperimentDetailsValues,
} from "./experiment-details-schema";

const experimentFields = {
  ...experimentDetailsFields,
  changeMessage: z.string().trim().max(500, "Keep the change message to 500 characters or fewer."),
};

export type CreateExperimentFormValues = VersionFormValues &
  ExperimentDetailsValues & { changeMessage: string };

export const EMPTY_CREATE_EXPERIMENT_FORM: CreateExperimentFormValues = {
  name: "",
  hypothesis: "",
  capabilityId: "",
  intentIds: [],
  actionIds: [],
  primaryMetricId: "",
  guardrailMetricIds: [],
  changeMessage: "",
  ...EMPTY_VERSION_FORM,
};

export interface CreateExperimentValues extends ExperimentDetailsValues {
  version: VersionContent & { changeMessage: string };
}

/**
 * The create form, flat so each message lands on its field. `variables` are those of the chosen
 * template version, so the bindings can be checked before the database refuses them.
 */
export function createExperimentSchema(variables: TemplateVariable[]) {
  return z
    .object({ ...experimentFields, ...versionFields })
    .superRefine((values, context) => {
      refineVersion(values, context, variables);
      refineGuardrails(values, context);
    })
    .transform((values): CreateExperimentValues => ({
      name: values.name,
      hypothesis: values.hypothesis,
      capabilityId: values.capabilityId,
      intentIds: values.intentIds,
      actionIds: values.actionIds,
      primaryMetricId: values.primaryMetricId,
      guardrailMetricIds: values.guardrailMetricIds,
      version: {
        ...toVersionContent(values, variables),
        changeMessage: values.changeMessage || "Control: the starting point",
      },
    }));
}
