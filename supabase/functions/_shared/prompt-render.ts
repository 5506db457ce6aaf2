/**
 * Prompt templates: `{{variable}}` placeholders filled from variables, the same rules as the
 * database's renderer (`private.render_template` / `private.template_placeholders` in the
 * experiments migration), so a prompt rendered here is the prompt the editor previews and
 * `resolve_prompt` returns:
 *
 * - A placeholder is `{{name}}`, with optional whitespace inside the braces (`{{ name }}`), and
 *   `name` matches `[A-Za-z_][A-Za-z0-9_]*`. Anything else in double braces (`{{ two words }}`,
 *   JSON such as `{{"a":1}}`, `{{a.b}}`) is plain text. There is no escape syntax: the database has
 *   none, and a saved template cannot hold a placeholder it does not declare.
 * - Values render as Postgres's `value #>> '{}'` does: strings as they are, numbers and booleans
 *   as text, objects and arrays as jsonb text (`{"a": 1, "b": [1, 2]}`, keys in jsonb order).
 * - A variable that is missing, `undefined` or `null` is unbound: rendering fails with
 *   `{ code: "unbound_variables", variables }` (each name once, in order of first use) instead of
 *   sending a prompt with blanks. Only own properties count (`{{constructor}}` is unbound).
 *   Callers merge a version's bindings and declared defaults into `variables` first.
 * - One pass: a value containing `{{x}}` is inserted as is, never rendered again.
 */

export interface UnboundVariablesError {
  code: "unbound_variables";
  message: string;
  /** Each unbound name once, in order of first use. */
  variables: string[];
}

export type RenderResult =
  | { ok: true; text: string }
  | { ok: false; error: UnboundVariablesError };

export type RenderManyResult =
  | { ok: true; texts: string[] }
  | { ok: false; error: UnboundVariablesError };

export type Variables = Readonly<Record<string, unknown>>;

/** The database's placeholder pattern (private.template_placeholders). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names used in `template`, each once, in order of first use. */
export function extractVariables(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  return [...names];
}

/** Renders `template`, or fails with every unbound variable. */
export function renderTemplate(template: string, variables: Variables): RenderResult {
  const result = renderMany([template], variables);
  return result.ok ? { ok: true, text: result.texts[0] ?? "" } : result;
}

/**
 * Renders several templates (e.g. a system prompt and a user message) with the same variables;
 * fails with the unbound variables of all of them together.
 */
export function renderMany(templates: readonly string[], variables: Variables): RenderManyResult {
  const unbound = new Set<string>();
  const texts = templates.map((template) =>
    template.replace(PLACEHOLDER, (placeholder: string, name: string) => {
      const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
      if (value === undefined || value === null) {
        unbound.add(name);
        return placeholder;
      }
      return formatValue(value);
    })
  );
  if (unbound.size === 0) return { ok: true, texts };
  const names = [...unbound];
  return {
    ok: false,
    error: {
      code: "unbound_variables",
      message: `The prompt uses ${names.length === 1 ? "a variable" : "variables"} with no value: ${
        names.join(", ")
      }.`,
      variables: names,
    },
  };
}

/** A variable's text in a prompt: Postgres's `value #>> '{}'` for the value as jsonb. */
export function formatValue(value: unknown): string {
  return typeof value === "string" ? value : jsonbText(value);
}

const utf8 = new TextEncoder();

/**
 * Postgres's jsonb text output: `": "` and `", "` separators, object keys ordered as jsonb stores
 * them (shorter first, then bytewise), strings escaped as JSON. Numbers use JavaScript's
 * formatting, which can differ from a numeric's text (2.50 is 2.5 once parsed by JavaScript).
 */
function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return String(value);
    case "bigint":
      return value.toString();
    case "object":
      if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
      return `{${
        Object.keys(value)
          .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
          .sort(jsonbKeyOrder)
          .map((key) =>
            `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key])}`
          )
          .join(", ")
      }}`;
    default:
      return "null";
  }
}

function jsonbKeyOrder(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return 0;
}
