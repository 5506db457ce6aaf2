import { z } from "zod";

import {
  declarationProblems,
  parseTypedInput,
  VARIABLE_TYPES,
  type VariableDeclaration,
} from "./template-variables";

/** A variable as edited: the default as typed, parsed by the declared type on save. */
export const variableFormSchema = z.object({
  name: z.string(),
  type: z.enum(VARIABLE_TYPES),
  description: z.string(),
  default: z.string(),
});
export type VariableFormValues = z.infer<typeof variableFormSchema>;

// Mirrors the prompt_templates and prompt_template_versions checks and the declaration rules of
// prepare_template_version(); the database refuses the same things on save.
export const templateVersionSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, "Name the template with at least 2 characters.")
      .max(80, "Keep the name to 80 characters."),
    description: z.string().trim().max(2000, "Keep the description to 2,000 characters."),
    body: z
      .string()
      .min(1, "Write the template's body.")
      .max(100_000, "Keep the body to 100,000 characters."),
    changeMessage: z.string().trim().max(500, "Keep the change message to 500 characters."),
    variables: z.array(variableFormSchema),
  })
  .transform((values, context) => {
    const variables: VariableDeclaration[] = [];
    for (const variable of values.variables) {
      const declaration: VariableDeclaration = { name: variable.name, type: variable.type };
      if (variable.description.trim()) declaration.description = variable.description.trim();
      const parsed = parseTypedInput(variable.type, variable.default);
      if ("error" in parsed) {
        context.addIssue({
          code: "custom",
          path: ["variables"],
          message: `${variable.name}: default: ${parsed.error}`,
        });
        return z.NEVER;
      }
      if (parsed.value !== undefined) declaration.default = parsed.value;
      variables.push(declaration);
    }
    const problems = declarationProblems(values.body, variables);
    if (problems.length > 0) {
      context.addIssue({ code: "custom", path: ["variables"], message: problems.join("; ") });
      return z.NEVER;
    }
    return { ...values, variables };
  });
export type TemplateVersionFormValues = z.input<typeof templateVersionSchema>;
export type TemplateVersionValues = z.output<typeof templateVersionSchema>;
