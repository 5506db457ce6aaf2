import { useQuery } from "@tanstack/react-query";

import { countActiveApiKeys } from "../api/count-active-api-keys";
import { overviewKeys } from "../api/overview-keys";

export function useActiveApiKeyCount(organizationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: overviewKeys.activeApiKeyCount(organizationId),
    queryFn: () => countActiveApiKeys(organizationId),
    enabled,
    staleTime: 0,
  });
}
