import { Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { Button } from "@/components/ui/button";
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
  const removal = useRemoveVariant(organization.id);
  const label = variant.name || variant.key;

  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Remove variant ${label}`}
        >
          <Trash2Icon aria-hidden="true" />
          Remove
        </Button>
      }
      title={`Remove the variant ${label}?`}
      description={`Its ${formatAllocation(variant.allocationBp)} of traffic is left unallocated until you rebalance the others. Its version stays in the history and can be used again.`}
      confirmLabel="Remove variant"
      pendingLabel="Removing"
      destructive
      onConfirm={async () => {
        await removal.mutateAsync(variant.id);
        toast.success(`Removed the variant '${label}'`);
        onRemoved();
      }}
    />
  );
}
