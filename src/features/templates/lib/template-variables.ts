/**
 * Template placeholders and bindings, mirroring the database's rules in
 * 20261121001000_experiments.sql (template_placeholders, template_declaration_problems,
 * template_binding_problems, render_template) so the editor can check live. Saving still goes
 * through the database, which is the final judge.
 */

export const VARIABLE_TYPES = ["text", "number", "boolean", "json"] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const VARIABLE_TYPE_LABELS: Record<VariableType, string> = {
  text: "Text",
  number: "Number",
  boolean: "Yes / no",
  json: "JSON",
};

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface VariableDeclaration {
  name: string;
  type: VariableType;
  description?: string;
  /** Absent: the variable must be bound. */
  default?: JsonValue;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Placeholder names in a body, in order of first use, each once. */
export function templatePlaceholders(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function jsonType(value: JsonValue | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value;
}

/** Why a value does not fit a type, or null when it does (template_value_problem). */
export function valueProblem(type: VariableType, value: JsonValue | undefined): string | null {
  if (type === "json") return null;
  const actual = jsonType(value);
  const expected = type === "text" ? "string" : type;
  return actual === expected ? null : `expected ${type}, got ${actual}`;
}

/** Declarations against the body: duplicates, bad defaults, undeclared or unused names. */
export function declarationProblems(body: string, variables: VariableDeclaration[]): string[] {
  const problems: string[] = [];
  const declared: string[] = [];
  for (const declaration of variables) {
    if (!VARIABLE_NAME_PATTERN.test(declaration.name)) {
      problems.push(`${declaration.name || "(empty)"} is not a valid variable name`);
      continue;
    }
    if (declared.includes(declaration.name)) problems.push(`${declaration.name} is declared twice`);
    declared.push(declaration.name);
    if ("default" in declaration && declaration.default !== undefined) {
      const problem = valueProblem(declaration.type, declaration.default);
      if (problem) problems.push(`${declaration.name}: default ${problem}`);
    }
  }
  const used = templatePlaceholders(body);
  for (const name of used) {
    if (!declared.includes(name)) problems.push(`{{${name}}} is used but not declared`);
  }
  for (const name of declared) {
    if (!used.includes(name)) problems.push(`${name} is declared but not used`);
  }
  return problems;
}

/** Every variable bound (a value or a default), with the declared type, and nothing else. */
export function bindingProblems(
  variables: VariableDeclaration[],
  values: Record<string, JsonValue>,
): string[] {
  const problems: string[] = [];
  for (const declaration of variables) {
    if (!(declaration.name in values)) {
      if (declaration.default === undefined) problems.push(`${declaration.name} is not bound`);
      continue;
    }
    const problem = valueProblem(declaration.type, values[declaration.name]);
    if (problem) problems.push(`${declaration.name}: ${problem}`);
  }
  for (const name of Object.keys(values)) {
    if (!variables.some((declaration) => declaration.name === name)) {
      problems.push(`${name} is not a variable of this template`);
    }
  }
  return problems;
}

/** The body with each variable's value (or default); unbound placeholders stay visible. */
export function renderTemplate(
  body: string,
  variables: VariableDeclaration[],
  values: Record<string, JsonValue>,
): string {
  return body.replace(PLACEHOLDER, (placeholder, name: string) => {
    const declaration = variables.find((variable) => variable.name === name);
    if (!declaration) return placeholder;
    const value = name in values ? values[name] : declaration.default;
    if (value === undefined || value === null) return placeholder;
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

/**
 * Reads what a person typed for a variable of `type`: text as is, numbers, true/false, or JSON.
 * Returns undefined for an empty field (unbound) and an error message when it does not parse.
 */
export function parseTypedInput(
  type: VariableType,
  input: string,
): { value: JsonValue | undefined } | { error: string } {
  if (type === "text") return { value: input === "" ? undefined : input };
  const trimmed = input.trim();
  if (trimmed === "") return { value: undefined };
  if (type === "number") {
    const number = Number(trimmed);
    return Number.isFinite(number)
      ? { value: number }
      : { error: "Enter a number, e.g. 3 or 0.5." };
  }
  if (type === "boolean") {
    if (trimmed === "true") return { value: true };
    if (trimmed === "false") return { value: false };
    return { error: "Enter true or false." };
  }
  try {
    return { value: JSON.parse(trimmed) as JsonValue };
  } catch {
    return { error: 'Enter valid JSON, e.g. {"plan": "pro"} or ["a", "b"].' };
  }
}

/** The text a person edits for a stored value (the inverse of parseTypedInput). */
export function formatTypedInput(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
