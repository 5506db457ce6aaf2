import { useQuery } from "@tanstack/react-query";
import { deploymentKeys } from "../api/deployment-keys";
import { fetchDeploymentScopes } from "../api/fetch-deployment-scopes";

export function useDeploymentScopes(organizationId: string) {
  return useQuery({
    queryKey: deploymentKeys.scopes(organizationId),
    queryFn: () => fetchDeploymentScopes(organizationId),
  });
}
