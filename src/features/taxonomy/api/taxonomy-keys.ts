import type { TaxonomyKind } from "../lib/taxonomy-kinds";

/** Query keys for an organization's taxonomy and metric definitions. */
export const taxonomyKeys = {
  all: ["taxonomy"] as const,
  organization: (organizationId: string) => [...taxonomyKeys.all, organizationId] as const,
  entries: (organizationId: string, kind: TaxonomyKind) =>
    [...taxonomyKeys.organization(organizationId), kind] as const,
  metrics: (organizationId: string) =>
    [...taxonomyKeys.organization(organizationId), "metrics"] as const,
};
