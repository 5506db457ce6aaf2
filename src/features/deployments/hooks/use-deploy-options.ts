import { useQuery } from "@tanstack/react-query";
import { deploymentKeys } from "../api/deployment-keys";
import { fetchDeployOptions } from "../api/fetch-deploy-options";

export function useDeployOptions(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: deploymentKeys.deployOptions(organizationId),
    queryFn: () => fetchDeployOptions(organizationId),
    enabled,
  });
}
