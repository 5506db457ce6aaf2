import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  createTaxonomyEntry,
  updateTaxonomyEntry,
  type TaxonomyEntryChanges,
} from "../api/save-taxonomy-entry";
import { taxonomyKeys } from "../api/taxonomy-keys";
import type { TaxonomyKind } from "../lib/taxonomy-kinds";
import type { TaxonomyEntryValues } from "../lib/taxonomy-schemas";

export type SaveTaxonomyEntryInput =
  { id: null; values: TaxonomyEntryValues } | { id: string; changes: TaxonomyEntryChanges };

/** Creates (id null) or changes an entry, then refreshes the kind's list. */
export function useSaveTaxonomyEntry(organizationId: string, kind: TaxonomyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SaveTaxonomyEntryInput) => {
      if (input.id === null) return createTaxonomyEntry(organizationId, kind, input.values);
      await updateTaxonomyEntry(kind, input.id, input.changes);
      return input.id;
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: taxonomyKeys.entries(organizationId, kind) }),
  });
}
