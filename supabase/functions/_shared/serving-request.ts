/**
 * What resolve and llm-proxy both take to pick what to serve (resolve_prompt / gateway_prepare):
 * the taxonomy scope, the unit to assign, and the prompt template's variables. Contracts:
 * docs/experiments.md, docs/llm-gateway.md.
 */
import { z } from "zod";
import { TAXONOMY_KEY_PATTERN } from "./ingest-events.ts";

/** Longer than any key `create_api_key` issues; anything longer is not worth hashing. */
export const MAX_API_KEY_LENGTH = 200;

const taxonomyKey = z
  .string()
  .regex(TAXONOMY_KEY_PATTERN, "must be a taxonomy key, e.g. QualifyLead");

/** The serving fields, to spread into each function's own strict request schema. */
export const servingRequestShape = {
  capability: taxonomyKey,
  action: taxonomyKey.nullish(),
  intent: taxonomyKey.nullish(),
  unit_id: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters"),
  variables: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name"), z.json())
    .optional(),
};
