/** Query keys for an organization's prompt templates. */
export const templateKeys = {
  all: ["templates"] as const,
  list: (organizationId: string) => [...templateKeys.all, "list", organizationId] as const,
};
