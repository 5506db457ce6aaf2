/** Query keys for the overview's counts, per organization. */
export const overviewKeys = {
  all: ["overview"] as const,
  organization: (organizationId: string) => [...overviewKeys.all, organizationId] as const,
  memberCount: (organizationId: string) =>
    [...overviewKeys.organization(organizationId), "member-count"] as const,
  activeApiKeyCount: (organizationId: string) =>
    [...overviewKeys.organization(organizationId), "active-api-key-count"] as const,
};
