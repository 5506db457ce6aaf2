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

const experimentFields = {
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
  changeMessage: z.string().trim().max(500, "Keep the change message to 500 characters or fewer."),
};

export type CreateExperimentFormValues = VersionFormValues & {
  name: string;
  hypothesis: string;
  capabilityId: string;
  intentIds: string[];
  actionIds: string[];
  primaryMetricId: string;
  guardrailMetricIds: string[];
  changeMessage: string;
};

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

export interface CreateExperimentValues {
  name: string;
  hypothesis: string;
  capabilityId: string;
  intentIds: string[];
  actionIds: string[];
  primaryMetricId: string;
  guardrailMetricIds: string[];
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
      if (values.guardrailMetricIds.includes(values.primaryMetricId)) {
        context.addIssue({
          code: "custom",
          path: ["guardrailMetricIds"],
          message: "The primary metric can't also be a guardrail.",
        });
      }
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
