import { useRef, useState, type FormEvent } from "react";
import { PlusIcon } from "lucide-react";
import { useNavigate } from "react-router-dom";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
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
import { Separator } from "@/components/ui/separator";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { useCreateExperiment } from "../hooks/use-create-experiment";
import { useExperimentOptions } from "../hooks/use-experiment-options";
import {
  createExperimentSchema,
  EMPTY_CREATE_EXPERIMENT_FORM,
  type CreateExperimentFormValues,
} from "../lib/create-experiment-schema";
import { ExperimentDetailsFields } from "./experiment-details-fields";
import { VersionFields } from "./version-fields";

type Errors = FieldErrors<CreateExperimentFormValues>;

interface CreateExperimentFormProps {
  options: ExperimentOptions;
  onCancel(): void;
}

export function CreateExperimentForm({ options, onCancel }: CreateExperimentFormProps) {
  const { organization } = useCurrentOrganization();
  const navigate = useNavigate();
  const [values, setValues] = useState(EMPTY_CREATE_EXPERIMENT_FORM);
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const creation = useCreateExperiment(organization.id);

  function change(patch: Partial<CreateExperimentFormValues>) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field as keyof Errors];
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const variables =
      options.templateVersions.find((option) => option.id === values.templateVersionId)
        ?.variables ?? [];
    const result = parseForm(createExperimentSchema(variables), values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    creation.mutate(result.data, {
      onSuccess: ({ id }) => {
        toast.success(`Created the draft '${result.data.name}'`);
        navigate(`/o/${organization.slug}/experiments/${id}`);
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={creation.error} />
      <ExperimentDetailsFields
        idPrefix="experiment"
        values={values}
        errors={errors}
        options={options}
        onChange={change}
      />
      <Separator />
      <div>
        <h3 className="text-sm font-semibold">Control version</h3>
        <p className="text-sm text-muted-foreground">
          What runs today: the baseline the other variants are compared with. Add variants as new
          versions once the draft exists.
        </p>
      </div>
      <VersionFields
        idPrefix="experiment-version"
        values={values}
        errors={errors}
        templateVersions={options.templateVersions}
        onChange={change}
      />
      <FormField
        id="experiment-change-message"
        label="Change message (optional)"
        error={errors.changeMessage}
      >
        <Input
          name="changeMessage"
          autoComplete="off"
          placeholder="Control: the starting point"
          value={values.changeMessage}
          onChange={(event) => change({ changeMessage: event.target.value })}
        />
      </FormField>
      <DialogFooter className="sticky bottom-0 -mx-6 -mb-6 border-t bg-card px-6 py-4">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={creation.isPending}>
          {creation.isPending && <Spinner label="Creating the draft" className="text-current" />}
          Create draft
        </Button>
      </DialogFooter>
    </form>
  );
}

function CreateExperimentBody({ onCancel }: { onCancel(): void }) {
  const { organization } = useCurrentOrganization();
  const options = useExperimentOptions(organization.id);
  if (options.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading the form">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (options.isError) {
    return (
      <QueryErrorAlert
        title="The capabilities and metrics couldn't be loaded"
        error={options.error}
        onRetry={() => options.refetch()}
        isRetrying={options.isFetching}
      />
    );
  }
  return <CreateExperimentForm options={options.data} onCancel={onCancel} />;
}

export function CreateExperimentDialog() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          New experiment
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100vh-2rem)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>New experiment</DialogTitle>
          <DialogDescription>
            Starts as a draft you can refine, add versions to and submit for review.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted per opening, so a cancelled form starts empty next time. */}
        {open && <CreateExperimentBody onCancel={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}
