import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deploymentKeys } from "../api/deployment-keys";
import { rollbackDeployment } from "../api/rollback-deployment";
import type { ScopeRef } from "../lib/scope";

export function useRollbackDeployment(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, reason }: { scope: ScopeRef; reason: string }) =>
      rollbackDeployment(scope, reason),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: deploymentKeys.organization(organizationId) }),
  });
}
