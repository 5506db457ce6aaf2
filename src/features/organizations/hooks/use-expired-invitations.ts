import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useSignedInUser } from "@/features/auth";
import {
  acceptPendingInvitations,
  type InvitationOutcome,
} from "../api/accept-pending-invitations";
import { organizationKeys } from "../api/organization-keys";
import { announceInvitationOutcomes } from "../lib/announce-invitation-outcomes";

export type ExpiredInvitation = Extract<InvitationOutcome, { status: "expired" }>;

function selectExpired(outcomes: InvitationOutcome[]): ExpiredInvitation[] {
  return outcomes.filter((outcome): outcome is ExpiredInvitation => outcome.status === "expired");
}

/**
 * The person's expired invitations. Reuses what sign-in already learned; after a reload it asks
 * the database again, which also accepts anything that arrived since (and says so).
 */
export function useExpiredInvitations() {
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: organizationKeys.invitationOutcomes(user.id),
    queryFn: async () => {
      const outcomes = await acceptPendingInvitations();
      const accepted = outcomes.filter((outcome) => outcome.status === "accepted");
      if (accepted.length > 0) {
        announceInvitationOutcomes(accepted);
        await queryClient.invalidateQueries({ queryKey: organizationKeys.mine(user.id) });
      }
      return outcomes;
    },
    staleTime: Infinity,
    select: selectExpired,
  });
}
