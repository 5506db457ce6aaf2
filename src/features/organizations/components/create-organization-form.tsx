import { useRef, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useZodForm } from "@/lib/use-zod-form";
import { FormErrorAlert } from "@/components/form-error-alert";
import type { MyOrganization } from "../api/fetch-my-organizations";
import { useCreateOrganization } from "../hooks/use-create-organization";
import { createOrganizationSchema } from "../lib/organization-schemas";

interface CreateOrganizationFormProps {
  id: string;
  onCreated: (organization: MyOrganization) => void;
  /** When given, a Cancel button sits next to the submit button (e.g. in a dialog). */
  onCancel?: () => void;
  autoFocus?: boolean;
}

export function CreateOrganizationForm({
  id,
  onCreated,
  onCancel,
  autoFocus,
}: CreateOrganizationFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(createOrganizationSchema, { name: "" });
  const mutation = useCreateOrganization();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) mutation.mutate(values.name, { onSuccess: onCreated });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={mutation.error} />
      <FormField
        id={`${id}-name`}
        label="Organization name"
        description="Usually your company or team name."
        error={form.errors.name}
      >
        <Input
          autoComplete="organization"
          autoFocus={autoFocus}
          maxLength={80}
          {...form.register("name")}
        />
      </FormField>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner label="Creating" className="text-current" /> : null}
          {mutation.isPending ? "Creating…" : "Create organization"}
        </Button>
      </div>
    </form>
  );
}
