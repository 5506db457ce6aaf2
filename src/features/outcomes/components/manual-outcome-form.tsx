import { useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
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
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useMetricDefinitions } from "@/features/taxonomy";
import { useZodForm } from "@/lib/use-zod-form";
import { useRecordOutcomes } from "../hooks/use-record-outcomes";
import {
  MANUAL_LINK_FIELDS,
  MANUAL_LINK_LABELS,
  manualOutcomeSchema,
  toDateTimeLocal,
  toOutcomeRow,
  type ManualOutcomeValues,
} from "../lib/manual-outcome-schema";

const emptyForm = (): ManualOutcomeValues => ({
  metric_key: "",
  value: "",
  occurred_at: toDateTimeLocal(new Date()),
  run_id: "",
  conversation_id: "",
  end_user_id: "",
  account: "",
});

const newKey = () => `manual:${crypto.randomUUID()}`;

/** One outcome by hand: a deal closed on the phone, a CSAT score from an email. */
export function ManualOutcomeForm({ organizationId }: { organizationId: string }) {
  const metrics = useMetricDefinitions(organizationId);
  const [formKey, setFormKey] = useState(0);

  if (metrics.isPending) return <Skeleton className="h-72 w-full" />;
  if (metrics.isError) {
    return (
      <QueryErrorAlert
        title="The outcome metrics couldn't be loaded"
        error={metrics.error}
        onRetry={() => metrics.refetch()}
        isRetrying={metrics.isFetching}
      />
    );
  }
  const active = metrics.data.filter((metric) => metric.archivedAt === null);
  if (active.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        This organization has no outcome metrics yet. Define one under Taxonomy first.
      </p>
    );
  }
  return (
    // Remounted after each recorded outcome, so the next one starts empty with a new key.
    <ManualOutcomeFields
      key={formKey}
      organizationId={organizationId}
      metrics={active}
      onRecorded={() => setFormKey((n) => n + 1)}
    />
  );
}

interface FieldsProps {
  organizationId: string;
  metrics: { key: string; name: string; unit: string }[];
  onRecorded(): void;
}

function ManualOutcomeFields({ organizationId, metrics, onRecorded }: FieldsProps) {
  const form = useZodForm(manualOutcomeSchema, emptyForm());
  const formRef = useRef<HTMLFormElement>(null);
  // One key per outcome being entered: submitting again after a lost answer is a no-op.
  const [idempotencyKey] = useState(newKey);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const record = useRecordOutcomes(organizationId);
  const unit = metrics.find((metric) => metric.key === form.values.metric_key)?.unit;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerErrors([]);
    const values = form.validate(formRef.current);
    if (!values) return;
    record.mutate(
      { source: "manual", rows: [toOutcomeRow(values, idempotencyKey)] },
      {
        onSuccess: ([result]) => {
          if (result?.status === "rejected") {
            setServerErrors(
              result.errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)),
            );
            return;
          }
          toast.success(
            result?.status === "duplicate"
              ? "This outcome was already recorded."
              : "Outcome recorded.",
          );
          onRecorded();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid max-w-2xl gap-5">
      <FormErrorAlert error={record.error} />
      {serverErrors.length > 0 && (
        <ul role="alert" className="list-inside list-disc text-sm text-destructive">
          {serverErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        <Select
          value={form.values.metric_key}
          onValueChange={(value) => form.setValue("metric_key", value)}
        >
          <FormField id="manual-metric" label="Metric" error={form.errors.metric_key}>
            <SelectTrigger name="metric_key" className="w-full">
              <SelectValue placeholder="Choose a metric" />
            </SelectTrigger>
          </FormField>
          <SelectContent>
            {metrics.map((metric) => (
              <SelectItem key={metric.key} value={metric.key}>
                {metric.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FormField
          id="manual-value"
          label={unit ? `Value (${unit})` : "Value"}
          error={form.errors.value}
        >
          <Input inputMode="decimal" autoComplete="off" {...form.register("value")} />
        </FormField>
        <FormField id="manual-occurred-at" label="When" error={form.errors.occurred_at}>
          <Input type="datetime-local" {...form.register("occurred_at")} />
        </FormField>
      </div>
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">Linked to</legend>
        <p className="text-sm text-muted-foreground">
          At least one, so attribution can connect the outcome to the conversations behind it.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {MANUAL_LINK_FIELDS.map((field) => (
            <FormField
              key={field}
              id={`manual-${field}`}
              label={MANUAL_LINK_LABELS[field]}
              error={form.errors[field]}
            >
              <Input autoComplete="off" {...form.register(field)} />
            </FormField>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={record.isPending}>
          {record.isPending && <Spinner label="Recording" className="text-current" />}
          Record outcome
        </Button>
      </div>
    </form>
  );
}
