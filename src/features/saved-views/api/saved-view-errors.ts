import { RequestError } from "@/lib/request-error";
import type { SavedViewScope } from "../lib/saved-view";

/** Names are unique among a person's own views and among the organization's shared ones. */
export function duplicateNameMessage(name: string, scope: SavedViewScope): string {
  return scope === "organization"
    ? `The organization already has a shared view named “${name}”. Choose another name.`
    : `You already have a view named “${name}”. Choose another name.`;
}

/**
 * Where a failed save or rename is shown: a name that is taken on the name field, where it is
 * fixed; anything else above the form.
 */
export function placeSaveError(error: unknown): { nameError?: string; formError: unknown } {
  const duplicate =
    error instanceof RequestError &&
    (error.cause as { code?: string } | undefined)?.code === "23505";
  return duplicate ? { nameError: error.message, formError: null } : { formError: error };
}
