import { format, formatDistanceToNow } from "date-fns";
import { AlertCircleIcon, MailIcon, RotateCwIcon, XIcon } from "lucide-react";
import { toast } from "sonner";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ROLE_LABELS } from "@/features/auth";
import { errorMessage } from "@/lib/request-error";
import { parseTimestamp } from "@/lib/timestamps";
import type { PendingInvitation } from "../api/fetch-pending-invitations";
import { usePendingInvitations } from "../hooks/use-pending-invitations";
import { useReinvite } from "../hooks/use-reinvite";
import { invitationState } from "../lib/invitation-state";
import { RevokeInvitationDialog } from "./revoke-invitation-dialog";

const SKELETON_ROWS = 2;

function InvitationsHead() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        <TableHead>Email</TableHead>
        <TableHead>Role</TableHead>
        <TableHead className="hidden lg:table-cell">Invited by</TableHead>
        <TableHead>Expires</TableHead>
        <TableHead>State</TableHead>
        <TableHead>
          <span className="sr-only">Actions</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

function InvitationsSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading pending invitations">
      <InvitationsHead />
      <TableBody>
        {Array.from({ length: SKELETON_ROWS }, (_, index) => (
          <TableRow key={index} className="hover:bg-transparent">
            {["w-48", "w-24", "w-28", "w-20", "w-16", "w-28"].map((width, cell) => (
              <TableCell key={cell} className={cell === 2 ? "hidden lg:table-cell" : undefined}>
                <Skeleton className={`h-4 ${width}`} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

interface PendingInvitationsProps {
  organizationId: string;
  invitedBy: string;
}

export function PendingInvitations({ organizationId, invitedBy }: PendingInvitationsProps) {
  const invitations = usePendingInvitations(organizationId);
  const reinvitation = useReinvite(organizationId);

  if (invitations.isPending) return <InvitationsSkeleton />;
  if (invitations.isError) {
    return (
      <QueryErrorAlert
        title="The pending invitations couldn't be loaded"
        error={invitations.error}
        onRetry={() => invitations.refetch()}
        isRetrying={invitations.isFetching}
      />
    );
  }
  if (invitations.data.length === 0) {
    return (
      <EmptyState
        icon={MailIcon}
        title="No pending invitations"
        description="Invitations wait here until the person signs up or signs in with the invited email."
      />
    );
  }

  function sendAgain(invitation: PendingInvitation) {
    reinvitation.mutate(
      { invitationId: invitation.id, email: invitation.email, role: invitation.role, invitedBy },
      { onSuccess: () => toast.success(`Invited ${invitation.email} again for another 14 days`) },
    );
  }

  const now = new Date();
  return (
    <div className="grid grid-cols-1 gap-4">
      {reinvitation.isError && (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertTitle>{reinvitation.variables.email} wasn't invited again</AlertTitle>
          <AlertDescription>{errorMessage(reinvitation.error)}</AlertDescription>
          <Button
            variant="ghost"
            size="icon"
            className="absolute top-1.5 right-1.5 size-7"
            aria-label="Dismiss"
            onClick={() => reinvitation.reset()}
          >
            <XIcon />
          </Button>
        </Alert>
      )}
      <div className="rounded-xl border">
        <Table>
          <InvitationsHead />
          <TableBody>
            {invitations.data.map((invitation) => {
              const state = invitationState(invitation.expiresAt, now);
              const expiresAt = parseTimestamp(invitation.expiresAt);
              const reinviting =
                reinvitation.isPending && reinvitation.variables.invitationId === invitation.id;
              return (
                <TableRow key={invitation.id}>
                  <TableCell className="max-w-64 truncate font-medium">
                    {invitation.email}
                  </TableCell>
                  <TableCell>{ROLE_LABELS[invitation.role]}</TableCell>
                  <TableCell className="hidden max-w-48 truncate lg:table-cell">
                    {invitation.invitedByName ?? (
                      <span className="text-muted-foreground">Former member</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <time
                      dateTime={expiresAt.toISOString()}
                      title={format(expiresAt, "d MMM yyyy, HH:mm")}
                    >
                      {state === "expired" ? "Expired " : ""}
                      {formatDistanceToNow(expiresAt, { addSuffix: true })}
                    </time>
                  </TableCell>
                  <TableCell>
                    {state === "expired" ? (
                      <Badge variant="warning">Expired</Badge>
                    ) : (
                      <Badge variant="secondary">Pending</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex justify-end gap-1">
                      {state === "expired" && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => sendAgain(invitation)}
                          disabled={reinvitation.isPending}
                          aria-label={`Re-invite ${invitation.email}`}
                        >
                          {reinviting ? (
                            <Spinner label="Inviting again" className="text-current" />
                          ) : (
                            <RotateCwIcon aria-hidden="true" />
                          )}
                          Re-invite
                        </Button>
                      )}
                      <RevokeInvitationDialog
                        organizationId={organizationId}
                        invitation={invitation}
                      />
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
