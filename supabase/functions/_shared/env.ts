/**
 * Typed, validated access to the environment hosted Supabase gives every edge function.
 * Variables are read lazily, one at a time: a function that never touches
 * SUPABASE_SERVICE_ROLE_KEY does not fail when it is missing.
 *
 *   import { env } from "../_shared/env.ts";
 *   createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY);
 */
import { z } from "zod";
import { HttpError } from "./http.ts";

const nonEmpty = z.string().trim().min(1, "must not be empty");

const schemas = {
  SUPABASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  SUPABASE_ANON_KEY: nonEmpty,
  SUPABASE_SERVICE_ROLE_KEY: nonEmpty,
  SUPABASE_DB_URL: nonEmpty.optional(),
} as const;

type Schemas = typeof schemas;
export type EnvName = keyof Schemas;
export type Env = { readonly [K in EnvName]: z.output<Schemas[K]> };

/**
 * A missing or malformed environment variable. It is a 500 `server_misconfigured` when it
 * reaches `defineFunction`; the message names the variable, never its value.
 */
export class EnvError extends HttpError {
  readonly variable: EnvName;

  constructor(variable: EnvName, problem: string) {
    super(500, "server_misconfigured", `Environment variable ${variable} ${problem}.`);
    this.name = "EnvError";
    this.variable = variable;
  }
}

/** Reads and validates one variable. Throws `EnvError` when it is required and missing/invalid. */
export function getEnv<K extends EnvName>(name: K): Env[K] {
  const raw = Deno.env.get(name);
  const value = raw === undefined || raw.trim() === "" ? undefined : raw;
  const schema = schemas[name] as z.ZodType;
  if (value === undefined && !schema.safeParse(undefined).success) {
    throw new EnvError(name, "is not set");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new EnvError(name, `is invalid: ${result.error.issues[0]?.message ?? "invalid value"}`);
  }
  return result.data as Env[K];
}

/** Lazy view of the environment: each property reads (and validates) its variable on access. */
export const env: Env = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      (Object.keys(schemas) as EnvName[]).map((name) => [
        name,
        { enumerable: true, get: () => getEnv(name) },
      ]),
    ),
  ),
) as Env;
