/** Query keys for saved views, per organization. */
export const savedViewKeys = {
  all: ["saved-views"] as const,
  organization: (organizationId: string) => [...savedViewKeys.all, organizationId] as const,
};
