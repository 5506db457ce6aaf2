import { z } from "zod";
import type { ExperimentVariant, ExperimentVersion } from "../api/fetch-experiment";

// The same rule as experiment_variants.key, so the database never refuses a key we let by.
const VARIANT_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export type VariantFormValues = {
  key: string;
  name: string;
  versionId: string;
  /** Percent, as typed. */
  allocation: string;
};

export interface AddVariantValues {
  key: string;
  name: string;
  versionId: string;
  allocationBp: number;
}

const nameField = z.string().trim().max(80, "Keep the name to 80 characters or fewer.");

const versionField = z.string().min(1, "Choose the version this variant serves.");

/** Percent from 0 to 100, to basis points (10000 = 100%). */
export const percentField = z
  .string()
  .trim()
  .refine((value) => {
    const number = Number(value);
    return value !== "" && Number.isFinite(number) && number >= 0 && number <= 100;
  }, "Enter a percentage from 0 to 100.")
  .transform((value) => Math.round(Number(value) * 100));

/** Add variant: the key must be new to the experiment (unique per experiment in the database). */
export function addVariantSchema(existingKeys: string[]) {
  return z.object({
    key: z
      .string()
      .trim()
      .refine(
        (value) => VARIANT_KEY.test(value),
        "Keys use lowercase letters, digits, - and _, start with a letter or digit, and are up to 40 characters, e.g. warm-greeting.",
      )
      .refine(
        (value) => !existingKeys.includes(value),
        "Another variant of this experiment already uses this key.",
      ),
    name: nameField,
    versionId: versionField,
    allocation: percentField,
  });
}

/** Edit variant: rename it, or point it at another version. The key stays what `resolve` logs. */
export const editVariantSchema = z.object({ name: nameField, versionId: versionField });

/**
 * An even split in basis points, summing to exactly 10000: the first variants get the remainder,
 * as create_experiment does (3 variants: 3334, 3333, 3333).
 */
export function evenSplit(count: number): number[] {
  if (count <= 0) return [];
  const share = Math.floor(10000 / count);
  const leftover = 10000 - share * count;
  return Array.from({ length: count }, (_, index) => share + (index < leftover ? 1 : 0));
}

/** "v2 · main · Warmer greeting": how a version is named in pickers. */
export function versionLabel(version: ExperimentVersion): string {
  return `v${version.number} · ${version.branch} · ${version.changeMessage}`;
}

/**
 * A free key suggested for a version: its branch when it has its own, else "v<number>".
 * Keys already taken get a numeric suffix.
 */
export function suggestVariantKey(
  version: ExperimentVersion | undefined,
  variants: ExperimentVariant[],
): string {
  if (!version) return "";
  const fromBranch = version.branch
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 36);
  const base = version.branch !== "main" && fromBranch ? fromBranch : `v${version.number}`;
  const taken = new Set(variants.map((variant) => variant.key));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
