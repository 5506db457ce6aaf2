import { useState } from "react";
import { Trash2Icon } from "lucide-react";
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
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentVariant } from "../api/fetch-experiment";
import { useRemoveVariant } from "../hooks/use-remove-variant";
import { formatAllocation } from "../lib/experiment-status";

/** Removes a draft's variant (never the control). Its version stays in the history. */
export function RemoveVariantDialog({
  variant,
  onRemoved,
}: {
  variant: ExperimentVariant;
  onRemoved(): void;
}) {
  const { organization } = useCurrentOrganization();
  const [open, setOpen] = useState(false);
  const removal = useRemoveVariant(organization.id);
  const label = variant.name || variant.key;

  function handleOpenChange(next: boolean) {
    if (removal.isPending) return;
    setOpen(next);
    if (!next) removal.reset();
  }

  function confirm() {
    removal.mutate(variant.id, {
      onSuccess: () => {
        toast.success(`Removed the variant '${label}'`);
        setOpen(false);
        onRemoved();
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
          aria-label={`Remove variant ${label}`}
        >
          <Trash2Icon aria-hidden="true" />
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Remove the variant {label}?</AlertDialogTitle>
          <AlertDialogDescription>
            Its {formatAllocation(variant.allocationBp)} of traffic is left unallocated until you
            rebalance the others. Its version stays in the history and can be used again.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormErrorAlert error={removal.error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={removal.isPending}>Cancel</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog must stay open to show a refusal. */}
          <Button variant="destructive" onClick={confirm} disabled={removal.isPending}>
            {removal.isPending && <Spinner label="Removing" className="text-current" />}
            Remove variant
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
