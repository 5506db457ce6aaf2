export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: (organizationId: string) => [...apiKeyKeys.all, "list", organizationId] as const,
};
