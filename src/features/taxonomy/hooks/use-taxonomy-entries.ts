import { useQuery } from "@tanstack/react-query";
import { fetchTaxonomyEntries } from "../api/fetch-taxonomy-entries";
import { taxonomyKeys } from "../api/taxonomy-keys";
import type { TaxonomyKind } from "../lib/taxonomy-kinds";

export function useTaxonomyEntries(organizationId: string, kind: TaxonomyKind) {
  return useQuery({
    queryKey: taxonomyKeys.entries(organizationId, kind),
    queryFn: () => fetchTaxonomyEntries(organizationId, kind),
  });
}
