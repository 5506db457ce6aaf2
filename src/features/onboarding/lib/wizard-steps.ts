import { z } from "zod";

import { metricDefinitionSchema, taxonomyEntrySchema } from "@/features/taxonomy";
import {
  bindingProblems,
  parseTypedInput,
  type JsonValue,
  type VariableDeclaration,
} from "@/features/templates";
import type { Flow, StepId, WizardDraft } from "./wizard-draft";

export interface StepGroup {
  number: number;
  title: string;
  steps: StepId[];
}

/** The six steps of seed 004 §7; the third configures the flow one part at a time. */
export const STEP_GROUPS: StepGroup[] = [
  { number: 1, title: "Outcome", steps: ["outcome"] },
  { number: 2, title: "Template", steps: ["flow"] },
  { number: 3, title: "Configure", steps: ["intents", "capability", "actions", "prompt"] },
  { number: 4, title: "Integrations", steps: ["integrations"] },
  { number: 5, title: "Review", steps: ["review"] },
  { number: 6, title: "Create draft", steps: ["create"] },
];

export const STEP_TITLES: Record<StepId, string> = {
  outcome: "Define the outcome to improve",
  flow: "Choose a template",
  intents: "Intents",
  capability: "Capability",
  actions: "Actions",
  prompt: "Prompt and model",
  integrations: "Connect your code",
  review: "Review the flow",
  create: "Create the draft",
};

export const FLOW_LABELS: Record<Flow, { title: string; description: string }> = {
  "intent-prompt": {
    title: "Intent > Prompt > Outcome",
    description:
      "One prompt answers the intents you pick, and you judge it by the outcome. The simplest start: a chat reply, a summary, a classifier.",
  },
  "intent-capabilities-actions-prompt": {
    title: "Intent > Capabilities + Actions + Prompt > Outcome",
    description:
      "An agent workflow: a capability runs actions (lookups, tool calls) and a prompt. Deployments can later target each action on its own.",
  },
};

/** The steps a flow goes through: the simple flow has no actions. */
export function stepsFor(flow: Flow | null): StepId[] {
  return STEP_GROUPS.flatMap((group) => group.steps).filter(
    (step) => step !== "actions" || flow !== "intent-prompt",
  );
}

export interface StepContext {
  /** Keys the organization already uses, per kind: a new entry must not repeat one. */
  existingKeys: { intents: string[]; capabilities: string[]; actions: string[] };
  /** Declarations of the template version the prompt uses, when it uses one. */
  templateVariables: VariableDeclaration[] | null;
}

export type StepErrors = Record<string, string>;

function firstIssues(result: z.ZodSafeParseResult<unknown>, prefix: string): StepErrors {
  const errors: StepErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = `${prefix}${String(issue.path[0] ?? "")}`;
    errors[field] ??= issue.message;
  }
  return errors;
}

function entryChoiceErrors(
  choice: WizardDraft["intents"],
  existingKeys: string[],
  noun: string,
): StepErrors {
  const errors: StepErrors = {};
  if (choice.selectedIds.length + choice.created.length === 0) {
    errors[noun] = `Pick at least one ${noun.slice(0, -1)}, or add a new one.`;
  }
  choice.created.forEach((entry, index) => {
    const result = taxonomyEntrySchema.safeParse({ ...entry, description: "" });
    Object.assign(errors, firstIssues(result, `${noun}.${index}.`));
    if (existingKeys.includes(entry.key.trim())) {
      errors[`${noun}.${index}.key`] ??=
        `${entry.key} already exists: pick it from the list instead.`;
    }
  });
  return errors;
}

/** The template bindings as typed values, with a message per field that does not parse. */
export function parseBindings(
  variables: VariableDeclaration[],
  typed: Record<string, string>,
): { values: Record<string, JsonValue>; errors: StepErrors } {
  const values: Record<string, JsonValue> = {};
  const errors: StepErrors = {};
  for (const variable of variables) {
    const parsed = parseTypedInput(variable.type, typed[variable.name] ?? "");
    if ("error" in parsed) errors[`binding.${variable.name}`] = parsed.error;
    else if (parsed.value !== undefined) values[variable.name] = parsed.value;
  }
  return { values, errors };
}

const promptConfigSchema = z.object({
  model: z
    .string()
    .trim()
    .min(1, "Name the model, e.g. gpt-4o-mini.")
    .max(120, "Keep the model name to 120 characters."),
  temperature: z
    .string()
    .trim()
    .refine(
      (value) => value === "" || (Number(value) >= 0 && Number(value) <= 2),
      "Temperature goes from 0 to 2.",
    ),
  maxTokens: z
    .string()
    .trim()
    .refine(
      (value) =>
        value === "" || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1_000_000),
      "Max tokens is a whole number from 1 to 1,000,000, or empty for the provider's default.",
    ),
  systemPrompt: z.string().max(100_000, "Keep the system prompt to 100,000 characters."),
});

export const experimentDetailsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Name the experiment with at least 2 characters.")
    .max(120, "Keep the name to 120 characters."),
  hypothesis: z.string().trim().max(4000, "Keep the hypothesis to 4,000 characters."),
});

/** What stops the person from leaving `step`; empty when they may move on. */
export function validateStep(step: StepId, draft: WizardDraft, context: StepContext): StepErrors {
  switch (step) {
    case "outcome":
      if (draft.outcome.mode === "existing") {
        return draft.outcome.metricId
          ? {}
          : { metricId: "Pick the metric to improve, or define a new one." };
      }
      return firstIssues(metricDefinitionSchema.safeParse(draft.outcome.metric), "metric.");
    case "flow":
      return draft.flow ? {} : { flow: "Choose one of the two templates." };
    case "intents":
      return entryChoiceErrors(draft.intents, context.existingKeys.intents, "intents");
    case "actions":
      return entryChoiceErrors(draft.actions, context.existingKeys.actions, "actions");
    case "capability": {
      if (draft.capability.mode === "existing") {
        return draft.capability.id ? {} : { capability: "Pick the capability, or add a new one." };
      }
      const errors = firstIssues(
        taxonomyEntrySchema.safeParse({ ...draft.capability.entry, description: "" }),
        "capability.",
      );
      if (context.existingKeys.capabilities.includes(draft.capability.entry.key.trim())) {
        errors["capability.key"] ??=
          `${draft.capability.entry.key} already exists: pick it from the list instead.`;
      }
      return errors;
    }
    case "prompt": {
      const errors = firstIssues(promptConfigSchema.safeParse(draft.prompt), "prompt.");
      if (draft.prompt.mode === "text") {
        if (!draft.prompt.text.trim())
          errors["prompt.text"] = "Write the prompt, or use a template.";
        return errors;
      }
      if (!draft.prompt.templateVersionId || !context.templateVariables) {
        errors["prompt.templateVersionId"] = "Choose a template.";
        return errors;
      }
      const parsed = parseBindings(context.templateVariables, draft.prompt.bindings);
      Object.assign(errors, parsed.errors);
      for (const problem of bindingProblems(context.templateVariables, parsed.values)) {
        const name = problem.split(/[ :]/)[0]!;
        errors[`binding.${name}`] ??= problem.endsWith("is not bound")
          ? `Give ${name} a value: it has no default.`
          : problem;
      }
      return errors;
    }
    case "create":
      return firstIssues(experimentDetailsSchema.safeParse(draft.experiment), "experiment.");
    case "integrations":
    case "review":
      return {};
  }
}
