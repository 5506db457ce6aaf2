export const modelPriceKeys = {
  all: ["model-prices"] as const,
  list: (organizationId: string) => [...modelPriceKeys.all, "list", organizationId] as const,
};
