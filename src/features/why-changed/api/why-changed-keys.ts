export const whyChangedKeys = {
  all: ["why-changed"] as const,
  deploymentEvents: (organizationId: string) =>
    [...whyChangedKeys.all, "deployment-events", organizationId] as const,
};
