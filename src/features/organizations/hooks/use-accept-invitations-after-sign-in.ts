import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { User } from "@supabase/supabase-js";
import { toast } from "sonner";

import { errorMessage } from "@/lib/request-error";
import {
  acceptPendingInvitations,
  type InvitationOutcome,
} from "../api/accept-pending-invitations";
import { fetchMyOrganizations } from "../api/fetch-my-organizations";
import { organizationKeys } from "../api/organization-keys";
import { announceInvitationOutcomes } from "../lib/announce-invitation-outcomes";

async function outcomesFor(user: User, isNewAccount: boolean): Promise<InvitationOutcome[]> {
  const outcomes = await acceptPendingInvitations();
  if (!isNewAccount) return outcomes;
  // At sign-up the database accepts invitations itself, so the RPC no longer reports them; a
  // brand-new account's memberships are exactly the invitations it just accepted.
  const memberships = await fetchMyOrganizations(user.id);
  const joinedAtSignUp = memberships
    .filter((membership) => !outcomes.some((o) => o.organizationId === membership.id))
    .map((membership): InvitationOutcome => ({
      status: "accepted",
      organizationId: membership.id,
      organizationName: membership.name,
      role: membership.role,
    }));
  return [...joinedAtSignUp, ...outcomes];
}

/**
 * Returns the step to run after every sign-in and sign-up: accept the person's pending
 * invitations, announce them, and refresh their organizations. It never throws: a failure here
 * must not stop someone from getting into the app, so it becomes a warning instead.
 */
export function useAcceptInvitationsAfterSignIn() {
  const queryClient = useQueryClient();
  return useCallback(
    async (user: User, { isNewAccount }: { isNewAccount: boolean }) => {
      try {
        const outcomes = await outcomesFor(user, isNewAccount);
        queryClient.setQueryData(organizationKeys.invitationOutcomes(user.id), outcomes);
        if (outcomes.some((outcome) => outcome.status === "accepted")) {
          await queryClient.invalidateQueries({ queryKey: organizationKeys.mine(user.id) });
        }
        announceInvitationOutcomes(outcomes);
      } catch (error) {
        toast.warning(
          `${errorMessage(error)} Invitations are checked again each time you sign in.`,
        );
      }
    },
    [queryClient],
  );
}
