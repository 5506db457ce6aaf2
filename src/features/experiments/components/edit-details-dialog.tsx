import { useRef, useState, type FormEvent } from "react";
import { PencilIcon } from "lucide-react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { useCurrentOrganization } from "@/features/organizations";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { ExperimentDetail } from "../api/fetch-experiment";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { useUpdateExperimentDetails } from "../hooks/use-update-experiment-details";
import {
  detailsChanges,
  experimentDetailsSchema,
  type ExperimentDetailsValues,
} from "../lib/experiment-details-schema";
import { ExperimentDetailsFields } from "./experiment-details-fields";

function currentDetails(experiment: ExperimentDetail): ExperimentDetailsValues {
  return {
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    capabilityId: experiment.capabilityId,
    intentIds: experiment.intentIds,
    actionIds: experiment.actionIds,
    primaryMetricId: experiment.primaryMetricId ?? "",
    guardrailMetricIds: experiment.guardrailMetricIds,
  };
}

function EditDetailsForm({
  experiment,
  options,
  onDone,
}: {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => currentDetails(experiment));
  const [errors, setErrors] = useState<FieldErrors<ExperimentDetailsValues>>({});
  const update = useUpdateExperimentDetails(organization.id);
  const [inUse] = useState(
    () =>
      new Set([
        experiment.capabilityId,
        ...experiment.intentIds,
        ...experiment.actionIds,
        ...(experiment.primaryMetricId ? [experiment.primaryMetricId] : []),
        ...experiment.guardrailMetricIds,
      ]),
  );

  function change(patch: Partial<ExperimentDetailsValues>) {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field as keyof ExperimentDetailsValues];
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(experimentDetailsSchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    const changes = detailsChanges(experiment, result.data);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { experimentId: experiment.id, changes },
      {
        onSuccess: () => {
          toast.success(`Saved the details of '${result.data.name}'`);
          onDone();
        },
      },
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={handleSubmit}
      className="grid gap-5"
      aria-label="Experiment details"
    >
      <FormErrorAlert error={update.error} />
      <ExperimentDetailsFields
        idPrefix="experiment-details"
        values={values}
        errors={errors}
        options={options}
        inUse={inUse}
        onChange={change}
      />
      <FormDialogFooter
        onCancel={onDone}
        pending={update.isPending}
        pendingLabel="Saving"
        submitLabel="Save details"
      />
    </form>
  );
}

/**
 * Edit a draft's name, hypothesis, capability, intents, actions and metrics, saved at once.
 * Nothing for roles that can't edit, or once the experiment has left draft.
 */
export function EditDetailsDialog({
  experiment,
  options,
}: {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
}) {
  const { can } = useCurrentOrganization();
  if (experiment.status !== "draft" || !can("experiments.edit")) return null;
  return (
    <FormDialog
      trigger={
        <Button variant="outline">
          <PencilIcon aria-hidden="true" />
          Edit details
        </Button>
      }
      title="Edit details"
      description="Saved together, while the experiment is a draft. Versions are changed on the Versions tab, variants under Variants and allocation."
      className="max-h-[calc(100vh-2rem)] overflow-y-auto sm:max-w-2xl"
    >
      {(close) => <EditDetailsForm experiment={experiment} options={options} onDone={close} />}
    </FormDialog>
  );
}
