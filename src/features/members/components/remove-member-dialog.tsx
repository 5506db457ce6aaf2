import { useState } from "react";
import { LogOutIcon, UserMinusIcon } from "lucide-react";
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
  const [open, setOpen] = useState(false);
  const removal = useRemoveMember(organizationId);
  const name = member.name ?? "this member";

  function handleOpenChange(next: boolean) {
    if (removal.isPending) return;
    setOpen(next);
    if (!next) removal.reset();
  }

  function confirm() {
    removal.mutate(member.userId, {
      onSuccess: async () => {
        if (isSelf) {
          toast.success(`You left ${organizationName}`);
          await onLeft();
          return;
        }
        toast.success(`Removed ${name} from ${organizationName}`);
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
          aria-label={isSelf ? "Leave" : `Remove ${name}`}
        >
          {isSelf ? <LogOutIcon aria-hidden="true" /> : <UserMinusIcon aria-hidden="true" />}
          {isSelf ? "Leave" : "Remove"}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {isSelf ? `Leave ${organizationName}?` : `Remove ${name} from ${organizationName}?`}
          </AlertDialogTitle>
          <AlertDialogDescription>
            {isSelf
              ? "You lose access to this organization straight away. To come back, an admin has to invite you again."
              : `${name} loses access straight away. Their past changes stay in the audit log, and you can invite them again later.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormErrorAlert error={removal.error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={removal.isPending}>Cancel</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog must stay open to show a refusal. */}
          <Button variant="destructive" onClick={confirm} disabled={removal.isPending}>
            {removal.isPending && (
              <Spinner label={isSelf ? "Leaving" : "Removing"} className="text-current" />
            )}
            {isSelf ? "Leave organization" : "Remove member"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
