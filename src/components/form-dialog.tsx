import { useState, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";

interface FormDialogProps {
  /** The button that opens the dialog. */
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** Sizing for the dialog's content, e.g. "sm:max-w-xl". */
  className?: string;
  /** The form; `close` is for its Cancel button and for after a successful save. */
  children(close: () => void): ReactNode;
}

/** A dialog that opens on its trigger to show a form. */
export function FormDialog({ trigger, title, description, className, children }: FormDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {/* Mounted per opening, so a cancelled form starts afresh next time. */}
        {open ? children(() => setOpen(false)) : null}
      </DialogContent>
    </Dialog>
  );
}

interface FormDialogFooterProps {
  onCancel(): void;
  pending: boolean;
  /** What the spinner on the submit button announces while saving, e.g. "Saving". */
  pendingLabel: string;
  submitLabel: ReactNode;
}

/** Cancel and submit for a dialog's form; submitting is disabled while the save runs. */
export function FormDialogFooter({
  onCancel,
  pending,
  pendingLabel,
  submitLabel,
}: FormDialogFooterProps) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending && <Spinner label={pendingLabel} className="text-current" />}
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
