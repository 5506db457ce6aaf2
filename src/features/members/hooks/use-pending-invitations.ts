import { useQuery } from "@tanstack/react-query";
import { fetchPendingInvitations } from "../api/fetch-pending-invitations";
import { invitationKeys } from "../api/member-keys";

export function usePendingInvitations(organizationId: string) {
  return useQuery({
    queryKey: invitationKeys.pending(organizationId),
    queryFn: () => fetchPendingInvitations(organizationId),
  });
}
