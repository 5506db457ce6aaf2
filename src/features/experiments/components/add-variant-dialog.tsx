import { useRef, type FormEvent } from "react";
import { toast } from "sonner";

import { FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useAddVariant } from "../hooks/use-add-variant";
import { formatAllocation } from "../lib/experiment-status";
import { addVariantSchema, evenSplit, suggestVariantKey } from "../lib/variant-form-schema";
import { VersionSelect } from "./version-select";

/** What opens the dialog: the version to start from ("" to let the person choose). */
export interface AddVariantRequest {
  versionId: string;
}

function AddVariantForm({
  experiment,
  versionId,
  onCancel,
  onAdded,
}: {
  experiment: ExperimentDetail;
  versionId: string;
  onCancel(): void;
  onAdded(): void;
}) {
  const { organization } = useCurrentOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const { variants } = experiment;
  const version = experiment.versions.find((candidate) => candidate.id === versionId);
  // Its share of an even split, so "Split evenly" in the allocation editor is one click away.
  const share = evenSplit(variants.length + 1).at(-1) ?? 10000;
  const { values, errors, register, setValue, validate } = useZodForm(
    addVariantSchema(variants.map((variant) => variant.key)),
    {
      key: suggestVariantKey(version, variants),
      name: "",
      versionId,
      allocation: String(share / 100),
    },
  );
  const add = useAddVariant(organization.id);
  const allocated = variants.reduce((sum, variant) => sum + variant.allocationBp, 0);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = validate(formRef.current);
    if (!parsed) return;
    add.mutate(
      {
        organizationId: experiment.organizationId,
        experimentId: experiment.id,
        key: parsed.key,
        name: parsed.name,
        versionId: parsed.versionId,
        allocationBp: parsed.allocation,
        position: Math.max(-1, ...variants.map((variant) => variant.position)) + 1,
      },
      {
        onSuccess: () => {
          toast.success(`Added the variant '${parsed.name || parsed.key}'`);
          onAdded();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={add.error} />
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField
          id="variant-key"
          label="Key"
          description="What resolve returns and your logs record. Lowercase, e.g. warm-greeting."
          error={errors.key}
        >
          <Input autoComplete="off" spellCheck={false} className="font-mono" {...register("key")} />
        </FormField>
        <FormField
          id="variant-name"
          label="Name (optional)"
          description="Shown in Causeway instead of the key."
          error={errors.name}
        >
          <Input autoComplete="off" placeholder="Warmer greeting" {...register("name")} />
        </FormField>
      </div>
      <FormField id="variant-version" label="Version" error={errors.versionId}>
        <VersionSelect
          experiment={experiment}
          name="versionId"
          value={values.versionId}
          onValueChange={(value) => setValue("versionId", value)}
        />
      </FormField>
      <FormField
        id="variant-allocation"
        label="Starting allocation (%)"
        description={`The other variants keep theirs (${formatAllocation(allocated)} today): rebalance next, allocations must add up to 100% to submit.`}
        error={errors.allocation}
      >
        <Input inputMode="decimal" className="w-28 tabular-nums" {...register("allocation")} />
      </FormField>
      <FormDialogFooter
        onCancel={onCancel}
        pending={add.isPending}
        pendingLabel="Adding the variant"
        submitLabel="Add variant"
      />
    </form>
  );
}

/** "Add variant", opened from the Overview tab or prefilled from a version on the Versions tab. */
export function AddVariantDialog({
  experiment,
  request,
  onClose,
  onAdded,
}: {
  experiment: ExperimentDetail;
  request: AddVariantRequest | null;
  onClose(): void;
  onAdded(): void;
}) {
  return (
    <Dialog open={request !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Add variant</DialogTitle>
          <DialogDescription>
            A variant serves one of this experiment&apos;s versions to its share of the traffic.
          </DialogDescription>
        </DialogHeader>
        {request && (
          <AddVariantForm
            experiment={experiment}
            versionId={request.versionId}
            onCancel={onClose}
            onAdded={onAdded}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
