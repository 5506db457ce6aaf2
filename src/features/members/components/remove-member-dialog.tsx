import { LogOutIcon, UserMinusIcon } from "lucide-react";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import { useRemoveMember } from "../hooks/use-remove-member";
import type { Member } from "../api/fetch-members";

interface RemoveMemberDialogProps {
  organizationId: string;
  organizationName: string;
  member: Member;
  isSelf: boolean;
  /** Runs after the signed-in user has left, to take them out of the organization. */
  onLeft(): Promise<void>;
}

export function RemoveMemberDialog({
  organizationId,
  organizationName,
  member,
  isSelf,
  onLeft,
}: RemoveMemberDialogProps) {
  const removal = useRemoveMember(organizationId);
  const name = member.name ?? "this member";

  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={isSelf ? "Leave" : `Remove ${name}`}
        >
          {isSelf ? <LogOutIcon aria-hidden="true" /> : <UserMinusIcon aria-hidden="true" />}
          {isSelf ? "Leave" : "Remove"}
        </Button>
      }
      title={isSelf ? `Leave ${organizationName}?` : `Remove ${name} from ${organizationName}?`}
      description={
        isSelf
          ? "You lose access to this organization straight away. To come back, an admin has to invite you again."
          : `${name} loses access straight away. Their past changes stay in the audit log, and you can invite them again later.`
      }
      confirmLabel={isSelf ? "Leave organization" : "Remove member"}
      pendingLabel={isSelf ? "Leaving" : "Removing"}
      destructive
      onConfirm={async () => {
        await removal.mutateAsync(member.userId);
        if (isSelf) {
          toast.success(`You left ${organizationName}`);
          await onLeft();
          return;
        }
        toast.success(`Removed ${name} from ${organizationName}`);
      }}
    />
  );
}
