import { useRef, useState, type FormEvent } from "react";
import { Rocket } from "lucide-react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { useTaxonomyEntries } from "@/features/taxonomy";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import { useDeployOptions } from "../hooks/use-deploy-options";
import { useDeployVersion } from "../hooks/use-deploy-version";
import { ANY, SPLIT, deploySchema, type DeployFormValues } from "../lib/deploy-schema";

const EMPTY_FORM: DeployFormValues = {
  capabilityId: "",
  actionId: ANY,
  intentId: ANY,
  experimentId: "",
  versionId: "",
  note: "",
};

interface Option {
  value: string;
  label: string;
}

interface ChoiceProps {
  id: string;
  name: keyof DeployFormValues;
  label: string;
  description?: string;
  placeholder: string;
  value: string;
  options: Option[];
  error?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

function Choice({
  id,
  name,
  label,
  description,
  placeholder,
  value,
  options,
  error,
  disabled,
  onChange,
}: ChoiceProps) {
  return (
    // FormField wires its label and messages into the trigger, the focusable part of the select.
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <FormField id={id} label={label} description={description} error={error}>
        <SelectTrigger name={name} className="w-full">
          <SelectValue placeholder={placeholder} />
        </SelectTrigger>
      </FormField>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function DeployForm({ organizationId, onDone }: { organizationId: string; onDone(): void }) {
  const [values, setValues] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors<DeployFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const options = useDeployOptions(organizationId, true);
  const capabilities = useTaxonomyEntries(organizationId, "capabilities");
  const actions = useTaxonomyEntries(organizationId, "actions");
  const intents = useTaxonomyEntries(organizationId, "intents");
  const deploy = useDeployVersion(organizationId);

  function set<Name extends keyof DeployFormValues>(name: Name, value: DeployFormValues[Name]) {
    setValues((current) => {
      const next = { ...current, [name]: value };
      // The experiment must be for the capability, and the version one of the experiment's.
      if (name === "capabilityId") Object.assign(next, { experimentId: "", versionId: "" });
      if (name === "experimentId") next.versionId = "";
      return next;
    });
    setErrors((current) => ({ ...current, [name]: undefined }));
  }

  if (options.isPending || capabilities.isPending || actions.isPending || intents.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading what can be deployed">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-14 w-full" />
        ))}
      </div>
    );
  }
  const failed = options.error ?? capabilities.error ?? actions.error ?? intents.error;
  if (failed) {
    return (
      <QueryErrorAlert
        title="What can be deployed couldn't be loaded"
        error={failed}
        onRetry={() => {
          void options.refetch();
          void capabilities.refetch();
          void actions.refetch();
          void intents.refetch();
        }}
      />
    );
  }

  const experiments = (options.data ?? []).filter((e) => e.capabilityId === values.capabilityId);
  const experiment = experiments.find((e) => e.id === values.experimentId);
  const versionOptions: Option[] = [
    ...(experiment?.status === "active"
      ? [{ value: SPLIT, label: "Split the traffic across the experiment's variants" }]
      : []),
    ...(experiment?.versions.map((version) => ({
      value: version.id,
      label: `${version.label} · variant ${version.variantKey}${version.isControl ? " (control)" : ""}`,
    })) ?? []),
  ];
  const live = (entries: typeof capabilities.data) =>
    (entries ?? []).filter((entry) => entry.archivedAt === null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(deploySchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    deploy.mutate(result.data, {
      onSuccess: () => {
        toast.success("Deployed: the next requests for the scope get it");
        onDone();
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={deploy.error} />
      <Choice
        id="deploy-capability"
        name="capabilityId"
        label="Capability"
        placeholder="Choose a capability"
        value={values.capabilityId}
        options={live(capabilities.data).map((c) => ({
          value: c.id,
          label: `${c.key} · ${c.name}`,
        }))}
        error={errors.capabilityId}
        onChange={(value) => set("capabilityId", value)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Choice
          id="deploy-action"
          name="actionId"
          label="Action (optional)"
          description="Narrow the scope to one workflow step."
          placeholder="Any action"
          value={values.actionId}
          options={[
            { value: ANY, label: "Any action" },
            ...live(actions.data).map((a) => ({ value: a.id, label: a.key })),
          ]}
          onChange={(value) => set("actionId", value)}
        />
        <Choice
          id="deploy-intent"
          name="intentId"
          label="Intent (optional)"
          description="Narrow the scope to one user intent."
          placeholder="Any intent"
          value={values.intentId}
          options={[
            { value: ANY, label: "Any intent" },
            ...live(intents.data).map((i) => ({ value: i.id, label: i.key })),
          ]}
          onChange={(value) => set("intentId", value)}
        />
      </div>
      <Choice
        id="deploy-experiment"
        name="experimentId"
        label="Experiment"
        description={
          values.capabilityId && experiments.length === 0
            ? "No experiment for this capability has been approved and gone active yet: only reviewed versions can be deployed."
            : "Only versions of experiments that were approved and went active can be deployed."
        }
        placeholder={values.capabilityId ? "Choose an experiment" : "Choose a capability first"}
        value={values.experimentId}
        options={experiments.map((e) => ({
          value: e.id,
          label: `${e.name} (${e.status.replace("_", " ")})`,
        }))}
        error={errors.experimentId}
        disabled={experiments.length === 0}
        onChange={(value) => set("experimentId", value)}
      />
      <Choice
        id="deploy-version"
        name="versionId"
        label="What to serve"
        description="Splitting needs an active experiment; its control version is the baseline whenever it is paused."
        placeholder={experiment ? "Choose a version" : "Choose an experiment first"}
        value={values.versionId}
        options={versionOptions}
        error={errors.versionId}
        disabled={!experiment}
        onChange={(value) => set("versionId", value)}
      />
      <FormField
        id="deploy-note"
        label="Note (optional)"
        error={errors.note}
        description="Why this goes live; it is shown in the scope's history."
      >
        <Textarea
          name="note"
          rows={2}
          value={values.note}
          onChange={(event) => set("note", event.target.value)}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={deploy.isPending}
        pendingLabel="Deploying"
        submitLabel="Deploy"
      />
    </form>
  );
}

export function DeployDialog({ organizationId }: { organizationId: string }) {
  return (
    <FormDialog
      trigger={
        <Button>
          <Rocket aria-hidden="true" />
          Deploy a version
        </Button>
      }
      title="Deploy a version"
      description="Makes a reviewed version live for a scope: a capability, optionally narrowed by an action and an intent. The deployment it replaces stays in the history, one click away from a rollback."
      className="sm:max-w-xl"
    >
      {(close) => <DeployForm organizationId={organizationId} onDone={close} />}
    </FormDialog>
  );
}
