import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { MetricDefinition } from "../api/fetch-metric-definitions";
import { useSaveMetricDefinition } from "../hooks/use-save-metric-definition";
import {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  metricDefinitionSchema,
  type MetricDefinitionFormValues,
} from "../lib/taxonomy-schemas";

interface MetricDialogProps {
  organizationId: string;
  metric: MetricDefinition | null;
  trigger: ReactNode;
}

function MetricForm({
  organizationId,
  metric,
  onDone,
}: Omit<MetricDialogProps, "trigger"> & { onDone(): void }) {
  const [values, setValues] = useState<MetricDefinitionFormValues>({
    key: metric?.key ?? "",
    name: metric?.name ?? "",
    description: metric?.description ?? "",
    unit: metric?.unit ?? "",
    aggregation: metric?.aggregation ?? "rate",
    percentile: metric?.percentile?.toString() ?? "",
    direction: metric?.direction ?? "higher_is_better",
  });
  const [errors, setErrors] = useState<FieldErrors<MetricDefinitionFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveMetricDefinition(organizationId);

  function set<Field extends keyof MetricDefinitionFormValues>(
    field: Field,
    value: MetricDefinitionFormValues[Field],
  ) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(metricDefinitionSchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    const { key, ...changes } = result.data;
    save.mutate(metric ? { id: metric.id, changes } : { id: null, values: result.data }, {
      onSuccess: () => {
        toast.success(`${metric ? "Saved" : "Created"} metric ${key}`);
        onDone();
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="metric-key"
          label="Key"
          error={errors.key}
          description={
            metric
              ? "Outcomes refer to it: it never changes."
              : "What outcomes are sent with, e.g. conversion_rate."
          }
        >
          <Input
            name="key"
            autoComplete="off"
            readOnly={metric !== null}
            value={values.key}
            onChange={(e) => set("key", e.target.value)}
          />
        </FormField>
        <FormField id="metric-name" label="Name" error={errors.name}>
          <Input
            name="name"
            autoComplete="off"
            value={values.name}
            onChange={(e) => set("name", e.target.value)}
          />
        </FormField>
        <Select
          value={values.aggregation}
          onValueChange={(value) =>
            set("aggregation", value as MetricDefinitionFormValues["aggregation"])
          }
        >
          <FormField
            id="metric-aggregation"
            label="Aggregation"
            error={errors.aggregation}
            description="How values from many conversations combine."
          >
            <SelectTrigger name="aggregation" className="w-full">
              <SelectValue />
            </SelectTrigger>
          </FormField>
          <SelectContent>
            {METRIC_AGGREGATIONS.map((aggregation) => (
              <SelectItem key={aggregation} value={aggregation}>
                {AGGREGATION_LABELS[aggregation]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {values.aggregation === "percentile" ? (
          <FormField
            id="metric-percentile"
            label="Percentile"
            error={errors.percentile}
            description="95 for p95."
          >
            <Input
              name="percentile"
              inputMode="decimal"
              value={values.percentile}
              onChange={(e) => set("percentile", e.target.value)}
            />
          </FormField>
        ) : null}
        <Select
          value={values.direction}
          onValueChange={(value) =>
            set("direction", value as MetricDefinitionFormValues["direction"])
          }
        >
          <FormField id="metric-direction" label="Direction" error={errors.direction}>
            <SelectTrigger name="direction" className="w-full">
              <SelectValue />
            </SelectTrigger>
          </FormField>
          <SelectContent>
            {METRIC_DIRECTIONS.map((direction) => (
              <SelectItem key={direction} value={direction}>
                {DIRECTION_LABELS[direction]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FormField
          id="metric-unit"
          label="Unit (optional)"
          error={errors.unit}
          description="%, USD, ms, score…"
        >
          <Input
            name="unit"
            autoComplete="off"
            value={values.unit}
            onChange={(e) => set("unit", e.target.value)}
          />
        </FormField>
      </div>
      <FormField id="metric-description" label="Description (optional)" error={errors.description}>
        <Textarea
          name="description"
          rows={2}
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel="Saving"
        submitLabel={metric ? "Save" : "Create metric"}
      />
    </form>
  );
}

export function MetricDialog({ organizationId, metric, trigger }: MetricDialogProps) {
  return (
    <FormDialog
      trigger={trigger}
      title={metric ? `Edit metric ${metric.key}` : "New outcome metric"}
      description="Experiments are judged on metrics: one primary, plus guardrails that must not get worse."
      className="sm:max-w-xl"
    >
      {(close) => <MetricForm organizationId={organizationId} metric={metric} onDone={close} />}
    </FormDialog>
  );
}
