export const hubspotKeys = {
  all: ["hubspot"] as const,
  organization: (organizationId: string) => [...hubspotKeys.all, organizationId] as const,
  connection: (organizationId: string) =>
    [...hubspotKeys.organization(organizationId), "connection"] as const,
  mappings: (organizationId: string) =>
    [...hubspotKeys.organization(organizationId), "mappings"] as const,
  runs: (organizationId: string) => [...hubspotKeys.organization(organizationId), "runs"] as const,
  pipelines: (organizationId: string) =>
    [...hubspotKeys.organization(organizationId), "pipelines"] as const,
  properties: (organizationId: string, object: "deals" | "contacts") =>
    [...hubspotKeys.organization(organizationId), "properties", object] as const,
};
