import { useRef, type FormEvent } from "react";
import { useLocation } from "react-router-dom";
import { BookmarkPlus } from "lucide-react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import { placeSaveError } from "../api/saved-view-errors";
import { useCreateSavedView } from "../hooks/use-create-saved-view";
import { saveViewSchema, viewLocation, type SavedViewScope } from "../lib/saved-view";

/** Saves the page as it is now (its path and every filter in the URL) under a name. */
export function SaveViewDialog() {
  return (
    <FormDialog
      trigger={
        <Button variant="outline" size="sm">
          <BookmarkPlus aria-hidden="true" />
          Save view
        </Button>
      }
      title="Save this view"
      description="The view keeps this page with its range, filters and chart settings. Open it from Views."
    >
      {(close) => <SaveViewForm onDone={close} />}
    </FormDialog>
  );
}

function SaveViewForm({ onDone }: { onDone: () => void }) {
  const { organization, can } = useCurrentOrganization();
  const user = useSignedInUser();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(saveViewSchema, { name: "", scope: "personal" as SavedViewScope });
  const creation = useCreateSavedView(organization.id);
  const canShare = can("savedViews.share");
  const { nameError, formError } = placeSaveError(creation.error);
  const nameField = form.register("name");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (!values) return;
    creation.mutate(
      {
        ownerId: user.id,
        ...values,
        ...viewLocation(location.pathname, location.search, organization.slug),
      },
      {
        onSuccess: () => {
          toast.success(
            values.scope === "organization"
              ? `Saved “${values.name}” for everyone in ${organization.name}`
              : `Saved “${values.name}”`,
          );
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={formError} />
      <FormField id="saved-view-name" label="Name" error={form.errors.name ?? nameError}>
        <Input
          autoComplete="off"
          placeholder="Weekly conversion review"
          {...nameField}
          onChange={(event) => {
            nameField.onChange(event);
            if (creation.error) creation.reset();
          }}
        />
      </FormField>
      <FormField
        id="saved-view-scope"
        label="Who sees it"
        description={
          canShare
            ? "Shared views appear for every member of the organization."
            : "Product managers and admins can share views with the organization; yours are only for you."
        }
      >
        <ScopeSelect
          value={form.values.scope}
          onChange={(value) => form.setValue("scope", value)}
          disabled={!canShare}
          organizationName={organization.name}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={creation.isPending}
        pendingLabel="Saving the view"
        submitLabel="Save view"
      />
    </form>
  );
}

interface ScopeSelectProps {
  value: SavedViewScope;
  onChange: (value: SavedViewScope) => void;
  disabled: boolean;
  organizationName: string;
  /** id and ARIA wiring from FormField, for the trigger (the focusable control). */
  id?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
}

function ScopeSelect({
  value,
  onChange,
  disabled,
  organizationName,
  ...triggerProps
}: ScopeSelectProps) {
  return (
    <Select
      value={value}
      onValueChange={(next) => onChange(next as SavedViewScope)}
      disabled={disabled}
    >
      <SelectTrigger className="w-full" {...triggerProps}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="personal">Only me</SelectItem>
        <SelectItem value="organization">Everyone in {organizationName}</SelectItem>
      </SelectContent>
    </Select>
  );
}
