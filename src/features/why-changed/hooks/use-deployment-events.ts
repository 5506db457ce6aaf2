import { useQuery } from "@tanstack/react-query";

import { fetchDeploymentEvents } from "../api/fetch-deployment-events";
import { whyChangedKeys } from "../api/why-changed-keys";

export function useDeploymentEvents(organizationId: string) {
  return useQuery({
    queryKey: whyChangedKeys.deploymentEvents(organizationId),
    queryFn: () => fetchDeploymentEvents(organizationId),
  });
}
