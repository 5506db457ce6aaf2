/** Query keys for what is live per scope, the rollback impact and the deploy dialog's choices. */
export const deploymentKeys = {
  all: ["deployments"] as const,
  organization: (organizationId: string) => [...deploymentKeys.all, organizationId] as const,
  scopes: (organizationId: string) =>
    [...deploymentKeys.organization(organizationId), "scopes"] as const,
  impact: (organizationId: string, scopeId: string) =>
    [...deploymentKeys.organization(organizationId), "impact", scopeId] as const,
  deployOptions: (organizationId: string) =>
    [...deploymentKeys.organization(organizationId), "deploy-options"] as const,
};
