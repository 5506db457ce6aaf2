import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import { TAXONOMY_KIND_LABELS, type TaxonomyKind } from "../lib/taxonomy-kinds";

export interface TaxonomyEntry {
  id: string;
  key: string;
  name: string;
  description: string;
  archivedAt: string | null;
  createdAt: string;
}

/** Every capability, action or intent of the organization, archived ones included, by key. */
export async function fetchTaxonomyEntries(
  organizationId: string,
  kind: TaxonomyKind,
): Promise<TaxonomyEntry[]> {
  const response = await supabase
    .from(kind)
    .select("id, key, name, description, archived_at, created_at")
    .eq("organization_id", organizationId)
    .order("key");
  if (response.error) {
    throw toRequestError(
      `Couldn't load the ${TAXONOMY_KIND_LABELS[kind].many.toLowerCase()}`,
      response,
    );
  }
  return response.data.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
  }));
}
