import { z } from "zod";
import type { Json } from "@/lib/database.types";
import { LLM_PROVIDERS } from "./experiment-status";
import type { VersionContent } from "./version-config";

/** A variable a template version declares; the form asks for a value for each. */
export interface TemplateVariable {
  name: string;
  type: string;
  hasDefault: boolean;
}

// Number fields are typed as text and may stay empty (the model's default applies).
function optionalNumber(label: string, min: number, max: number, integer = false) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        if (value === "") return true;
        const number = Number(value);
        return (
          Number.isFinite(number) &&
          number >= min &&
          number <= max &&
          (!integer || Number.isInteger(number))
        );
      },
      `${label} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}, or empty for the model's default.`,
    )
    .transform((value) => (value === "" ? null : Number(value)));
}

/** The fields that describe a version's prompt, model and config, shared by create and branch. */
export const versionFields = {
  source: z.enum(["text", "template"]),
  promptText: z.string(),
  templateVersionId: z.string(),
  templateBindings: z.record(z.string(), z.string()),
  provider: z.enum(LLM_PROVIDERS, "Choose the model's provider."),
  model: z
    .string()
    .trim()
    .min(1, "Name the model, e.g. gpt-4o or claude-3-5-sonnet-20241022.")
    .max(200, "Keep the model name to 200 characters or fewer."),
  systemPrompt: z.string(),
  temperature: optionalNumber("Temperature", 0, 2),
  topP: optionalNumber("Top p", 0, 1),
  maxTokens: optionalNumber("Max tokens", 1, 1_000_000, true),
  stopSequences: z.string(),
  params: z.string().refine((value) => {
    if (value.trim() === "") return true;
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  }, 'Extra parameters must be a JSON object, e.g. {"base_url": "https://llm.example.com"}.'),
};

type VersionFieldsSchema = z.ZodObject<typeof versionFields>;
export type VersionFormValues = z.input<VersionFieldsSchema>;
type VersionFieldsOutput = z.output<VersionFieldsSchema>;

export const EMPTY_VERSION_FORM: VersionFormValues = {
  source: "text",
  promptText: "",
  templateVersionId: "",
  templateBindings: {},
  provider: "openai",
  model: "",
  systemPrompt: "",
  temperature: "",
  topP: "",
  maxTokens: "",
  stopSequences: "",
  params: "",
};

// A binding is typed by its declaration; the database checks the value against it again.
function bindingValue(type: string, raw: string): Json {
  switch (type) {
    case "number":
      return Number(raw);
    case "boolean":
      return raw === "true";
    case "json":
      return JSON.parse(raw) as Json;
    default:
      return raw;
  }
}

/**
 * Checks what depends on more than one field: the prompt (text, or a template with each variable
 * that has no default bound). Issues are reported on the field to fix.
 */
export function refineVersion(
  values: Pick<
    VersionFormValues,
    "source" | "promptText" | "templateVersionId" | "templateBindings"
  >,
  context: z.RefinementCtx,
  variables: TemplateVariable[],
) {
  if (values.source === "text") {
    if (values.promptText.trim() === "") {
      context.addIssue({ code: "custom", path: ["promptText"], message: "Write the prompt." });
    }
    return;
  }
  if (values.templateVersionId === "") {
    context.addIssue({
      code: "custom",
      path: ["templateVersionId"],
      message: "Choose a template version, or switch to prompt text.",
    });
    return;
  }
  for (const variable of variables) {
    const raw = values.templateBindings[variable.name]?.trim() ?? "";
    if (raw === "" && !variable.hasDefault) {
      context.addIssue({
        code: "custom",
        path: ["templateBindings"],
        message: `Bind {{${variable.name}}}: the template has no default for it.`,
      });
      return;
    }
    if (raw === "") continue;
    const invalid =
      (variable.type === "number" && !Number.isFinite(Number(raw))) ||
      (variable.type === "boolean" && raw !== "true" && raw !== "false");
    let invalidJson = false;
    if (variable.type === "json") {
      try {
        JSON.parse(raw);
      } catch {
        invalidJson = true;
      }
    }
    if (invalid || invalidJson) {
      context.addIssue({
        code: "custom",
        path: ["templateBindings"],
        message: `{{${variable.name}}} must be ${variable.type === "boolean" ? "true or false" : `a ${variable.type} value`}.`,
      });
      return;
    }
  }
}

/** The parsed form as the content the RPCs take. */
export function toVersionContent(
  values: VersionFieldsOutput,
  variables: TemplateVariable[],
): VersionContent {
  const bindings: Record<string, Json> = {};
  for (const variable of variables) {
    const raw = values.templateBindings[variable.name]?.trim() ?? "";
    if (raw !== "") bindings[variable.name] = bindingValue(variable.type, raw);
  }
  return {
    provider: values.provider,
    model: values.model,
    prompt:
      values.source === "text"
        ? { kind: "text", text: values.promptText }
        : { kind: "template", templateVersionId: values.templateVersionId, bindings },
    systemPrompt: values.systemPrompt.trim() === "" ? null : values.systemPrompt,
    temperature: values.temperature,
    topP: values.topP,
    maxTokens: values.maxTokens,
    stopSequences: values.stopSequences
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
    params:
      values.params.trim() === "" ? {} : (JSON.parse(values.params) as { [key: string]: Json }),
  };
}
