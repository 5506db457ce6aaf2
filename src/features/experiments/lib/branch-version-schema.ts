import { z } from "zod";
import type { ExperimentVersion } from "../api/fetch-experiment";
import type { VersionContent } from "./version-config";
import {
  refineVersion,
  toVersionContent,
  versionFields,
  type TemplateVariable,
  type VersionFormValues,
} from "./version-form-schema";

export type BranchVersionFormValues = VersionFormValues & {
  changeMessage: string;
  /** Empty to continue the parent's branch. */
  branch: string;
};

export interface BranchVersionValues {
  content: VersionContent;
  changeMessage: string;
  branch: string | null;
}

// The same rule as experiment_versions.branch, so the database never refuses a name we let by.
const BRANCH_NAME = /^[a-z0-9][a-z0-9._/-]{0,39}$/;

export function branchVersionSchema(variables: TemplateVariable[]) {
  return z
    .object({
      ...versionFields,
      changeMessage: z
        .string()
        .trim()
        .min(3, "Say what this version changes and why, e.g. “Warmer greeting”.")
        .max(500, "Keep the change message to 500 characters or fewer."),
      branch: z
        .string()
        .trim()
        .refine(
          (value) => value === "" || BRANCH_NAME.test(value),
          "Branch names use lowercase letters, digits and . _ / -, up to 40 characters, e.g. claude-trial.",
        ),
    })
    .superRefine((values, context) => refineVersion(values, context, variables))
    .transform((values): BranchVersionValues => ({
      content: toVersionContent(values, variables),
      changeMessage: values.changeMessage,
      branch: values.branch === "" ? null : values.branch,
    }));
}

function text(value: number | null): string {
  return value === null ? "" : String(value);
}

/** The form starts as a copy of the parent: a new version is an edit of an existing one. */
export function branchFormFromVersion(version: ExperimentVersion): BranchVersionFormValues {
  const bindings =
    version.templateBindings &&
    typeof version.templateBindings === "object" &&
    !Array.isArray(version.templateBindings)
      ? Object.fromEntries(
          Object.entries(version.templateBindings).map(([name, value]) => [
            name,
            typeof value === "string" ? value : JSON.stringify(value),
          ]),
        )
      : {};
  const params =
    version.params && typeof version.params === "object" && Object.keys(version.params).length > 0
      ? JSON.stringify(version.params, null, 2)
      : "";
  return {
    source: version.templateVersionId ? "template" : "text",
    promptText: version.promptText ?? "",
    templateVersionId: version.templateVersionId ?? "",
    templateBindings: bindings,
    provider: version.provider,
    model: version.model,
    systemPrompt: version.systemPrompt ?? "",
    temperature: text(version.temperature),
    topP: text(version.topP),
    maxTokens: text(version.maxTokens),
    stopSequences: version.stopSequences.join("\n"),
    params,
    changeMessage: "",
    branch: "",
  };
}
