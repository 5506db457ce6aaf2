import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deploymentKeys } from "../api/deployment-keys";
import { deployVersion } from "../api/deploy-version";
import type { DeployValues } from "../lib/deploy-schema";

export function useDeployVersion(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: DeployValues) => deployVersion(values),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: deploymentKeys.organization(organizationId) }),
  });
}
