import { useQuery } from "@tanstack/react-query";
import { deploymentKeys } from "../api/deployment-keys";
import { fetchDeploymentImpact } from "../api/fetch-deployment-impact";
import { scopeId, type ScopeRef } from "../lib/scope";

export function useDeploymentImpact(organizationId: string, scope: ScopeRef, enabled: boolean) {
  return useQuery({
    queryKey: deploymentKeys.impact(organizationId, scopeId(scope)),
    queryFn: () => fetchDeploymentImpact(scope),
    enabled,
    // The impact must describe what is live at the moment of confirming, not a cached past.
    staleTime: 0,
  });
}
