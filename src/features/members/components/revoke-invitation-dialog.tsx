import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import type { PendingInvitation } from "../api/fetch-pending-invitations";
import { useRevokeInvitation } from "../hooks/use-revoke-invitation";

interface RevokeInvitationDialogProps {
  organizationId: string;
  invitation: PendingInvitation;
}

export function RevokeInvitationDialog({
  organizationId,
  invitation,
}: RevokeInvitationDialogProps) {
  const revoke = useRevokeInvitation(organizationId);

  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Revoke the invitation for ${invitation.email}`}
        >
          Revoke
        </Button>
      }
      title={`Revoke the invitation for ${invitation.email}?`}
      description="Signing up or signing in with this email will no longer add them to the organization. You can invite them again at any time."
      confirmLabel="Revoke invitation"
      pendingLabel="Revoking"
      destructive
      onConfirm={async () => {
        await revoke.mutateAsync(invitation.id);
        toast.success(`Revoked the invitation for ${invitation.email}`);
      }}
    />
  );
}
