import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { buttonVariants } from "@/components/ui/button";
import { ROLE_LABELS } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";

interface StepDownDialogProps {
  /** The role the signed-in admin chose for themselves; null keeps the dialog closed. */
  role: AppRole | null;
  organizationName: string;
  onConfirm(role: AppRole): void;
  onCancel(): void;
}

/** Confirms that an admin really means to give up admin rights, which they can't take back. */
export function StepDownDialog({
  role,
  organizationName,
  onConfirm,
  onCancel,
}: StepDownDialogProps) {
  return (
    <AlertDialog open={role !== null} onOpenChange={(open) => !open && onCancel()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Step down to {role ? ROLE_LABELS[role] : ""}?</AlertDialogTitle>
          <AlertDialogDescription>
            You lose admin access to {organizationName} straight away, including this page. Only
            another admin can make you an admin again. If you are the last admin, the change is
            refused.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep admin access</AlertDialogCancel>
          <AlertDialogAction
            className={buttonVariants({ variant: "destructive" })}
            onClick={() => role && onConfirm(role)}
          >
            Step down
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
