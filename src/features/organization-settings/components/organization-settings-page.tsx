import { useRef, type FormEvent } from "react";
import { toast } from "sonner";

import { CopyButton } from "@/components/copy-button";
import { FormErrorAlert } from "@/components/form-error-alert";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import { useRenameOrganization } from "../hooks/use-rename-organization";
import { organizationNameSchema } from "../lib/organization-name-schema";

interface ReadOnlyValueProps {
  id: string;
  label: string;
  /** How the value is named mid-sentence: "Copy organization ID", "Couldn't copy the slug". */
  copyLabel: string;
  value: string;
  description: string;
}

function ReadOnlyValue({ id, label, copyLabel, value, description }: ReadOnlyValueProps) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          className="font-mono"
          aria-describedby={`${id}-description`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={value} label={copyLabel} />
      </div>
      <p id={`${id}-description`} className="text-sm text-muted-foreground">
        {description}
      </p>
    </div>
  );
}

export function OrganizationSettingsPage() {
  const { organization } = useCurrentOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(organizationNameSchema, { name: organization.name });
  const rename = useRenameOrganization(organization.id);
  const unchanged = form.values.name.trim() === organization.name;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (!values) return;
    rename.mutate(values.name, {
      onSuccess: () => toast.success(`Renamed the organization to ${values.name}`),
    });
  }

  return (
    <div>
      <title>{`Settings · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Organization settings"
        description={`How ${organization.name} is named and identified.`}
      />
      <div className="grid max-w-2xl gap-6">
        <Card>
          <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-6">
            <CardHeader>
              <CardTitle>
                <h2>Name</h2>
              </CardTitle>
              <CardDescription>
                Shown to every member in the organization switcher and page titles.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <FormErrorAlert error={rename.error} />
              <FormField id="organization-name" label="Organization name" error={form.errors.name}>
                <Input autoComplete="organization" {...form.register("name")} />
              </FormField>
            </CardContent>
            <CardFooter className="justify-end">
              <Button type="submit" disabled={rename.isPending || unchanged}>
                {rename.isPending && <Spinner label="Saving" className="text-current" />}
                Save name
              </Button>
            </CardFooter>
          </form>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Identifiers</h2>
            </CardTitle>
            <CardDescription>
              These never change, so links and references keep working after a rename.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <ReadOnlyValue
              id="organization-slug"
              label="Slug"
              copyLabel="slug"
              value={organization.slug}
              description={`Part of every link to this organization: /o/${organization.slug}/…`}
            />
            <ReadOnlyValue
              id="organization-id"
              label="Organization ID"
              copyLabel="organization ID"
              value={organization.id}
              description="Identifies the organization in the database, the audit log and support requests."
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
