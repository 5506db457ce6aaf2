import type { z } from "zod";

export type FieldErrors<Values> = Partial<Record<keyof Values, string>>;

export type FormParseResult<Schema extends z.ZodType> =
  | { success: true; data: z.output<Schema> }
  | { success: false; errors: FieldErrors<z.input<Schema>> };

/** Validates form values with a zod schema and keeps the first message for each field. */
export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  values: z.input<Schema>,
): FormParseResult<Schema> {
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return { success: false, errors: errors as FieldErrors<z.input<Schema>> };
}

/**
 * Moves focus to the first invalid control, in the form's order, so keyboard and screen-reader
 * users land on what needs fixing. Works before React re-renders: it looks controls up by name.
 */
export function focusFirstInvalidField(form: HTMLFormElement | null, errors: object) {
  if (!form) return;
  const invalid = new Set(Object.keys(errors));
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLElement && invalid.has(element.getAttribute("name") ?? "")) {
      element.focus();
      return;
    }
  }
}
