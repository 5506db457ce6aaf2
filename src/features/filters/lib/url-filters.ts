import type { z } from "zod";

/** What a filter's schema may produce: anything that survives String() and back. */
export type UrlFilterValue = string | number | boolean | readonly (string | number)[];

/** One zod schema per search parameter, declared once at module level. */
export type UrlFilterSchemas = Record<string, z.ZodType<UrlFilterValue | undefined>>;

/**
 * The parsed filters. A parameter that is absent or invalid is `undefined`, unless its schema
 * supplies a default (`.default(…)`), in which case the default is used.
 */
export type UrlFilterValues<Schemas extends UrlFilterSchemas> = {
  [Key in keyof Schemas]: undefined extends z.input<Schemas[Key]>
    ? z.output<Schemas[Key]>
    : z.output<Schemas[Key]> | undefined;
};

/** A change to some filters: `undefined` or `null` removes the parameter, other keys are kept. */
export type UrlFilterPatch<Schemas extends UrlFilterSchemas> = {
  [Key in keyof Schemas]?: z.output<Schemas[Key]> | null;
};

/** A parameter present in the URL whose value its schema rejected. */
export interface UrlFilterIssue {
  param: string;
  value: string;
  message: string;
}

export interface ParsedUrlFilters<Schemas extends UrlFilterSchemas> {
  values: UrlFilterValues<Schemas>;
  issues: UrlFilterIssue[];
}

// A list filter (`?model=a&model=b`) is recognised by its schema accepting an array, looking
// through wrappers such as .optional(), .default() and .pipe().
function acceptsList(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    innerType?: z.core.$ZodType;
    in?: z.core.$ZodType;
  };
  if (def.type === "array") return true;
  if (def.type === "pipe" && def.in) return acceptsList(def.in);
  return def.innerType ? acceptsList(def.innerType) : false;
}

export function readUrlFilters<Schemas extends UrlFilterSchemas>(
  params: URLSearchParams,
  schemas: Schemas,
): ParsedUrlFilters<Schemas> {
  const values: Record<string, unknown> = {};
  const issues: UrlFilterIssue[] = [];
  for (const [param, schema] of Object.entries(schemas)) {
    const raw = params.getAll(param).filter((value) => value !== "");
    const input = raw.length === 0 ? undefined : acceptsList(schema) ? raw : raw[0];
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      values[param] = parsed.data;
      continue;
    }
    if (input !== undefined) {
      issues.push({
        param,
        value: raw.join(", "),
        message: parsed.error.issues[0]?.message ?? "Invalid value",
      });
    }
    const fallback = schema.safeParse(undefined);
    values[param] = fallback.success ? fallback.data : undefined;
  }
  return { values: values as UrlFilterValues<Schemas>, issues };
}

/** A copy of `params` with `patch` applied; parameters the patch doesn't name are untouched. */
export function writeUrlFilters<Schemas extends UrlFilterSchemas>(
  params: URLSearchParams,
  patch: UrlFilterPatch<Schemas>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [param, value] of Object.entries(patch) as [
    string,
    UrlFilterValue | null | undefined,
  ][]) {
    next.delete(param);
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) next.append(param, String(item));
    } else {
      next.set(param, String(value));
    }
  }
  return next;
}
