import { useRef, useState, type FormEvent } from "react";
import { PencilIcon } from "lucide-react";
import { toast } from "sonner";

import { FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import type { ExperimentDetail, ExperimentVariant } from "../api/fetch-experiment";
import { useUpdateVariant } from "../hooks/use-update-variant";
import { editVariantSchema } from "../lib/variant-form-schema";
import { VersionSelect } from "./version-select";

function EditVariantForm({
  experiment,
  variant,
  onDone,
}: {
  experiment: ExperimentDetail;
  variant: ExperimentVariant;
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const { values, errors, register, setValue, validate } = useZodForm(editVariantSchema, {
    name: variant.name,
    versionId: variant.versionId,
  });
  const update = useUpdateVariant(organization.id);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = validate(formRef.current);
    if (!parsed) return;
    if (parsed.name === variant.name && parsed.versionId === variant.versionId) {
      onDone();
      return;
    }
    update.mutate(
      { variantId: variant.id, name: parsed.name, versionId: parsed.versionId },
      {
        onSuccess: () => {
          toast.success(`Saved the variant '${parsed.name || variant.key}'`);
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={update.error} />
      <FormField
        id={`variant-${variant.id}-name`}
        label="Name (optional)"
        description="Shown in Causeway instead of the key."
        error={errors.name}
      >
        <Input autoComplete="off" placeholder={variant.key} {...register("name")} />
      </FormField>
      <FormField
        id={`variant-${variant.id}-version`}
        label="Version"
        description="The variant keeps its key and allocation: its traffic gets this version instead."
        error={errors.versionId}
      >
        <VersionSelect
          experiment={experiment}
          name="versionId"
          value={values.versionId}
          onValueChange={(value) => setValue("versionId", value)}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={update.isPending}
        pendingLabel="Saving"
        submitLabel="Save variant"
      />
    </form>
  );
}

/** Rename a draft's variant or point it at another version of the experiment. */
export function EditVariantDialog({
  experiment,
  variant,
}: {
  experiment: ExperimentDetail;
  variant: ExperimentVariant;
}) {
  const [open, setOpen] = useState(false);
  const label = variant.name || variant.key;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit variant ${label}`}>
          <PencilIcon aria-hidden="true" />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Edit variant {label}</DialogTitle>
          <DialogDescription>
            Key <code className="font-mono">{variant.key}</code>: it stays as it is, so assignment
            and your logs carry on.
          </DialogDescription>
        </DialogHeader>
        {open && (
          <EditVariantForm
            experiment={experiment}
            variant={variant}
            onDone={() => setOpen(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
