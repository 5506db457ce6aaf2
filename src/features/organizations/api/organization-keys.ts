/** Query keys for organization data; every query about organizations starts with these. */
export const organizationKeys = {
  all: ["organizations"] as const,
  mine: (userId: string) => [...organizationKeys.all, "mine", userId] as const,
  lastUsed: (userId: string) => [...organizationKeys.all, "last-used", userId] as const,
  invitationOutcomes: (userId: string) =>
    [...organizationKeys.all, "invitation-outcomes", userId] as const,
};
