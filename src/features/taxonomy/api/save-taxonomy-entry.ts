import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import { TAXONOMY_KIND_LABELS, type TaxonomyKind } from "../lib/taxonomy-kinds";
import type { TaxonomyEntryValues } from "../lib/taxonomy-schemas";

function duplicateKey(kind: TaxonomyKind) {
  return `There is already a ${TAXONOMY_KIND_LABELS[kind].one} with that key: keys are unique in the organization.`;
}

/** Creates a capability, action or intent; returns its id. */
export async function createTaxonomyEntry(
  organizationId: string,
  kind: TaxonomyKind,
  values: TaxonomyEntryValues,
): Promise<string> {
  const response = await supabase
    .from(kind)
    .insert({ organization_id: organizationId, ...values })
    .select("id")
    .single();
  if (response.error) {
    throw toDatabaseError(`The ${TAXONOMY_KIND_LABELS[kind].one} wasn't created`, response, {
      "23505": duplicateKey(kind),
    });
  }
  return response.data.id;
}

export interface TaxonomyEntryChanges {
  name?: string;
  description?: string;
  archivedAt?: string | null;
}

/** Renames, redescribes, archives or unarchives an entry. The key never changes. */
export async function updateTaxonomyEntry(
  kind: TaxonomyKind,
  id: string,
  changes: TaxonomyEntryChanges,
): Promise<void> {
  const response = await supabase
    .from(kind)
    .update({
      name: changes.name,
      description: changes.description,
      archived_at: changes.archivedAt,
    })
    .eq("id", id)
    .select("id");
  const label = TAXONOMY_KIND_LABELS[kind].one;
  if (response.error) throw toDatabaseError(`The ${label} wasn't saved`, response);
  // Row-level security filters a refused update down to nothing rather than failing.
  if (response.data.length === 0) {
    throw nothingChangedError(`The ${label} wasn't saved: you may not edit it any more.`);
  }
}
