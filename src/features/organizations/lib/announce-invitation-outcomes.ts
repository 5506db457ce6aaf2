import { format } from "date-fns";
import { toast } from "sonner";

import { ROLE_LABELS } from "@/features/auth";
import type { InvitationOutcome } from "../api/accept-pending-invitations";

function expiredInvitationMessage(outcome: Extract<InvitationOutcome, { status: "expired" }>) {
  const organization = outcome.organizationName;
  return `Your invitation to ${organization} expired on ${format(outcome.expiresAt, "MMMM d, yyyy")}. Ask an admin of ${organization} to invite you again.`;
}

/** A toast per joined organization; expired invitations stay on screen until dismissed. */
export function announceInvitationOutcomes(outcomes: InvitationOutcome[]) {
  for (const outcome of outcomes) {
    if (outcome.status === "accepted") {
      toast.success(`You joined ${outcome.organizationName} as ${ROLE_LABELS[outcome.role]}`);
    } else {
      toast.warning(expiredInvitationMessage(outcome), {
        id: `expired-invitation-${outcome.organizationId}`,
        duration: Infinity,
        closeButton: true,
      });
    }
  }
}
