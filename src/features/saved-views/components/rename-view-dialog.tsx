import { useRef, type FormEvent } from "react";
import { Pencil } from "lucide-react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import { placeSaveError } from "../api/saved-view-errors";
import { useRenameSavedView } from "../hooks/use-rename-saved-view";
import { renameViewSchema, type SavedView } from "../lib/saved-view";

/** Renames a saved view in place; its links keep working, as they hold the whole view. */
export function RenameViewDialog({ view }: { view: SavedView }) {
  return (
    <FormDialog
      trigger={
        <Button variant="ghost" size="icon" className="size-7" aria-label={`Rename ${view.name}`}>
          <Pencil aria-hidden="true" />
        </Button>
      }
      title={`Rename “${view.name}”`}
      description={
        view.scope === "organization"
          ? "The new name shows for everyone in the organization. Links already shared keep working."
          : "Links you copied from it keep working."
      }
    >
      {(close) => <RenameViewForm view={view} onDone={close} />}
    </FormDialog>
  );
}

function RenameViewForm({ view, onDone }: { view: SavedView; onDone: () => void }) {
  const { organization } = useCurrentOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const form = useZodForm(renameViewSchema, { name: view.name });
  const rename = useRenameSavedView(organization.id);
  const { nameError, formError } = placeSaveError(rename.error);
  const nameField = form.register("name");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (!values) return;
    if (values.name === view.name) {
      onDone();
      return;
    }
    rename.mutate(
      { viewId: view.id, scope: view.scope, name: values.name },
      {
        onSuccess: () => {
          toast.success(`Renamed “${view.name}” to “${values.name}”`);
          onDone();
        },
        onError: () => inputRef.current?.focus(),
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={formError} />
      <FormField id="rename-saved-view-name" label="Name" error={form.errors.name ?? nameError}>
        {/* The dialog focuses its first field with the text selected: typing replaces the name. */}
        <Input
          ref={inputRef}
          autoComplete="off"
          {...nameField}
          onChange={(event) => {
            nameField.onChange(event);
            if (rename.error) rename.reset();
          }}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={rename.isPending}
        pendingLabel="Renaming the view"
        submitLabel="Rename"
      />
    </form>
  );
}
