import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { TaxonomyEntry } from "../api/fetch-taxonomy-entries";
import { useSaveTaxonomyEntry } from "../hooks/use-save-taxonomy-entry";
import { TAXONOMY_KIND_LABELS, type TaxonomyKind } from "../lib/taxonomy-kinds";
import { taxonomyEntrySchema, type TaxonomyEntryFormValues } from "../lib/taxonomy-schemas";

interface TaxonomyEntryDialogProps {
  organizationId: string;
  kind: TaxonomyKind;
  /** Null to create a new entry. */
  entry: TaxonomyEntry | null;
  trigger: ReactNode;
}

function EntryForm({
  organizationId,
  kind,
  entry,
  onDone,
}: Omit<TaxonomyEntryDialogProps, "trigger"> & { onDone(): void }) {
  const labels = TAXONOMY_KIND_LABELS[kind];
  const [values, setValues] = useState<TaxonomyEntryFormValues>({
    key: entry?.key ?? "",
    name: entry?.name ?? "",
    description: entry?.description ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors<TaxonomyEntryFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveTaxonomyEntry(organizationId, kind);

  function set(field: keyof TaxonomyEntryFormValues, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(taxonomyEntrySchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    save.mutate(
      entry
        ? {
            id: entry.id,
            changes: { name: result.data.name, description: result.data.description },
          }
        : { id: null, values: result.data },
      {
        onSuccess: () => {
          toast.success(`${entry ? "Saved" : "Created"} ${labels.one} ${result.data.key}`);
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      <FormField
        id={`${kind}-key`}
        label="Key"
        error={errors.key}
        description={
          entry
            ? "Keys never change: code and deployments refer to them."
            : `What your code sends, e.g. ${labels.example}. It can't be changed later.`
        }
      >
        <Input
          name="key"
          autoComplete="off"
          value={values.key}
          readOnly={entry !== null}
          onChange={(e) => set("key", e.target.value)}
        />
      </FormField>
      <FormField id={`${kind}-name`} label="Name" error={errors.name}>
        <Input
          name="name"
          autoComplete="off"
          value={values.name}
          onChange={(e) => set("name", e.target.value)}
        />
      </FormField>
      <FormField
        id={`${kind}-description`}
        label="Description (optional)"
        error={errors.description}
      >
        <Textarea
          name="description"
          rows={3}
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel="Saving"
        submitLabel={entry ? "Save" : `Create ${labels.one}`}
      />
    </form>
  );
}

export function TaxonomyEntryDialog({
  organizationId,
  kind,
  entry,
  trigger,
}: TaxonomyEntryDialogProps) {
  const labels = TAXONOMY_KIND_LABELS[kind];
  return (
    <FormDialog
      trigger={trigger}
      title={entry ? `Edit ${labels.one} ${entry.key}` : `New ${labels.one}`}
      description={labels.help}
    >
      {(close) => (
        <EntryForm organizationId={organizationId} kind={kind} entry={entry} onDone={close} />
      )}
    </FormDialog>
  );
}
