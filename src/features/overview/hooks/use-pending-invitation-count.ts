import { useQuery } from "@tanstack/react-query";

import { countPendingInvitations } from "../api/count-pending-invitations";
import { overviewKeys } from "../api/overview-keys";

export function usePendingInvitationCount(
  organizationId: string,
  { enabled }: { enabled: boolean },
) {
  return useQuery({
    queryKey: overviewKeys.pendingInvitationCount(organizationId),
    // Expiry is judged at fetch time; the count is refreshed on every visit.
    queryFn: () => countPendingInvitations(organizationId, new Date()),
    enabled,
    staleTime: 0,
  });
}
