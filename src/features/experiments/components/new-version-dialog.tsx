import { useRef, useState, type FormEvent } from "react";
import { GitBranchPlusIcon } from "lucide-react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
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
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { ExperimentDetail, ExperimentVersion } from "../api/fetch-experiment";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { useBranchVersion } from "../hooks/use-branch-version";
import {
  branchFormFromVersion,
  branchVersionSchema,
  type BranchVersionFormValues,
} from "../lib/branch-version-schema";
import { versionConfig } from "../lib/version-config";
import { HELP } from "./help-tip";
import { VersionFields } from "./version-fields";

function NewVersionForm({
  parent,
  options,
  onDone,
}: {
  parent: ExperimentVersion;
  options: ExperimentOptions;
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const [values, setValues] = useState(() => branchFormFromVersion(parent));
  const [errors, setErrors] = useState<FieldErrors<BranchVersionFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const branch = useBranchVersion(organization.id);

  function change(patch: Partial<BranchVersionFormValues>) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field as keyof BranchVersionFormValues];
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const variables =
      options.templateVersions.find((option) => option.id === values.templateVersionId)
        ?.variables ?? [];
    const result = parseForm(branchVersionSchema(variables), values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    branch.mutate(
      {
        parentVersionId: parent.id,
        changeMessage: result.data.changeMessage,
        changes: versionConfig(result.data.content),
        branch: result.data.branch,
      },
      {
        onSuccess: ({ number }) => {
          toast.success(`Created v${number}: ${result.data.changeMessage}`);
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={branch.error} />
      <FormField
        id="version-change-message"
        label="Change message"
        description="What this version changes and why; reviewers read it in the history."
        error={errors.changeMessage}
      >
        <Input
          name="changeMessage"
          autoComplete="off"
          placeholder="Warmer greeting"
          value={values.changeMessage}
          onChange={(event) => change({ changeMessage: event.target.value })}
        />
      </FormField>
      <FormField
        id="version-branch"
        label="New branch (optional)"
        description={`Leave empty to continue “${parent.branch}”. ${HELP.branch}`}
        error={errors.branch}
      >
        <Input
          name="branch"
          autoComplete="off"
          placeholder={parent.branch}
          value={values.branch}
          onChange={(event) => change({ branch: event.target.value })}
        />
      </FormField>
      <VersionFields
        idPrefix="version"
        values={values}
        errors={errors}
        templateVersions={options.templateVersions}
        onChange={change}
      />
      <DialogFooter className="sticky bottom-0 -mx-6 -mb-6 border-t bg-card px-6 py-4">
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={branch.isPending}>
          {branch.isPending && <Spinner label="Creating the version" className="text-current" />}
          Create version
        </Button>
      </DialogFooter>
    </form>
  );
}

/** "New version" from a parent: the form starts as a copy of it. */
export function NewVersionDialog({
  experiment,
  parent,
  options,
}: {
  experiment: ExperimentDetail;
  parent: ExperimentVersion;
  options: ExperimentOptions;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`New version from v${parent.number}`}>
          <GitBranchPlusIcon aria-hidden="true" />
          New version
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100vh-2rem)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>New version from v{parent.number}</DialogTitle>
          <DialogDescription>
            In “{experiment.name}”. v{parent.number} stays as it is; the new version records it as
            its parent.
          </DialogDescription>
        </DialogHeader>
        {open && <NewVersionForm parent={parent} options={options} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}
