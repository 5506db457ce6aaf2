import { format } from "date-fns";
import { MailX } from "lucide-react";

import { ROLE_LABELS } from "@/features/auth";
import type { ExpiredInvitation } from "../hooks/use-expired-invitations";

export function ExpiredInvitationsList({ invitations }: { invitations: ExpiredInvitation[] }) {
  return (
    <section aria-labelledby="expired-invitations-heading" className="grid gap-3">
      <h2 id="expired-invitations-heading" className="text-base font-semibold">
        Expired invitations
      </h2>
      <ul className="grid gap-2">
        {invitations.map((invitation) => (
          <li
            key={invitation.organizationId}
            className="flex items-start gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
          >
            <MailX className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
            <p>
              Your invitation to <span className="font-medium">{invitation.organizationName}</span>{" "}
              as {ROLE_LABELS[invitation.role]} expired on{" "}
              {format(invitation.expiresAt, "MMMM d, yyyy")}. Ask an admin of{" "}
              {invitation.organizationName} to invite you again.
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
