import { useQuery } from "@tanstack/react-query";

import { countMembers } from "../api/count-members";
import { overviewKeys } from "../api/overview-keys";

export function useMemberCount(organizationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: overviewKeys.memberCount(organizationId),
    queryFn: () => countMembers(organizationId),
    enabled,
    // Members change on other pages; a head-only count is cheap enough to refresh on every visit.
    staleTime: 0,
  });
}
