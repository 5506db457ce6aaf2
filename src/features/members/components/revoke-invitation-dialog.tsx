import { useState } from "react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
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
  const [open, setOpen] = useState(false);
  const revoke = useRevokeInvitation(organizationId);

  function handleOpenChange(next: boolean) {
    if (revoke.isPending) return;
    setOpen(next);
    if (!next) revoke.reset();
  }

  function confirm() {
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        toast.success(`Revoked the invitation for ${invitation.email}`);
        setOpen(false);
      },
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Revoke the invitation for ${invitation.email}`}
        >
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke the invitation for {invitation.email}?</AlertDialogTitle>
          <AlertDialogDescription>
            Signing up or signing in with this email will no longer add them to the organization.
            You can invite them again at any time.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormErrorAlert error={revoke.error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={revoke.isPending}>Cancel</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog must stay open to show a refusal. */}
          <Button variant="destructive" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending && <Spinner label="Revoking" className="text-current" />}
            Revoke invitation
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
