export const outcomeKeys = {
  all: ["outcomes"] as const,
  recent: (organizationId: string) => [...outcomeKeys.all, "recent", organizationId] as const,
  webhookEndpoints: (organizationId: string) =>
    [...outcomeKeys.all, "webhook-endpoints", organizationId] as const,
};
