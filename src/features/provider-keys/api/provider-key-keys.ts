export const providerKeyKeys = {
  all: ["provider-keys"] as const,
  list: (organizationId: string) => [...providerKeyKeys.all, "list", organizationId] as const,
};
