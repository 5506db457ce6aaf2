import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { FieldErrors } from "@/lib/form";
import type { ExperimentOptions, TaxonomyEntry } from "../api/fetch-experiment-options";
import type { ExperimentDetailsValues } from "../lib/experiment-details-schema";
import { CheckboxList } from "./checkbox-list";
import { HELP, HelpTip } from "./help-tip";
import { OptionSelect } from "./option-select";

/**
 * What pickers offer: unarchived entries, plus archived ones the experiment already uses (marked),
 * so editing a draft never silently drops them.
 */
function pickable<T extends TaxonomyEntry>(entries: T[], inUse: ReadonlySet<string>): T[] {
  return entries
    .filter((entry) => !entry.archived || inUse.has(entry.id))
    .map((entry) => (entry.archived ? { ...entry, name: `${entry.name} (archived)` } : entry));
}

interface ExperimentDetailsFieldsProps {
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix: string;
  values: ExperimentDetailsValues;
  errors: FieldErrors<ExperimentDetailsValues>;
  options: ExperimentOptions;
  /** Ids the experiment uses now (none for a new one). */
  inUse?: ReadonlySet<string>;
  onChange(patch: Partial<ExperimentDetailsValues>): void;
}

/** Name, hypothesis, capability, intents, actions and metrics: shared by create and edit. */
export function ExperimentDetailsFields({
  idPrefix,
  values,
  errors,
  options,
  inUse = new Set(),
  onChange,
}: ExperimentDetailsFieldsProps) {
  const metrics = pickable(options.metrics, inUse);
  const hypothesisId = `${idPrefix}-hypothesis`;

  return (
    <>
      <FormField id={`${idPrefix}-name`} label="Name" error={errors.name}>
        <Input
          name="name"
          autoComplete="off"
          placeholder="Warmer greeting"
          value={values.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </FormField>
      <div className="grid gap-2">
        <div className="flex items-center gap-1.5">
          <Label htmlFor={hypothesisId}>Hypothesis</Label>
          <HelpTip label="hypothesis">{HELP.hypothesis}</HelpTip>
        </div>
        <Textarea
          id={hypothesisId}
          name="hypothesis"
          rows={3}
          aria-invalid={errors.hypothesis ? true : undefined}
          aria-describedby={errors.hypothesis ? `${hypothesisId}-error` : undefined}
          placeholder="A warmer greeting raises conversion without more escalations."
          value={values.hypothesis}
          onChange={(event) => onChange({ hypothesis: event.target.value })}
        />
        {errors.hypothesis && (
          <p id={`${hypothesisId}-error`} role="alert" className="text-sm text-destructive">
            {errors.hypothesis}
          </p>
        )}
      </div>
      <FormField
        id={`${idPrefix}-capability`}
        label="Capability"
        description={HELP.capability}
        error={errors.capabilityId}
      >
        <OptionSelect
          name="capabilityId"
          placeholder="Choose a capability"
          value={values.capabilityId}
          onValueChange={(next) => onChange({ capabilityId: next })}
          options={pickable(options.capabilities, inUse).map((capability) => ({
            value: capability.id,
            label: `${capability.name} (${capability.key})`,
          }))}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <CheckboxList
          id={`${idPrefix}-intents`}
          name="intentIds"
          legend="Intents"
          entries={pickable(options.intents, inUse)}
          selected={values.intentIds}
          onChange={(intentIds) => onChange({ intentIds })}
          emptyText="No intents defined yet."
        />
        <CheckboxList
          id={`${idPrefix}-actions`}
          name="actionIds"
          legend="Actions"
          entries={pickable(options.actions, inUse)}
          selected={values.actionIds}
          onChange={(actionIds) => onChange({ actionIds })}
          emptyText="No actions defined yet."
        />
      </div>
      <FormField
        id={`${idPrefix}-primary-metric`}
        label="Primary metric"
        description={HELP.primaryMetric}
        error={errors.primaryMetricId}
      >
        <OptionSelect
          name="primaryMetricId"
          placeholder="Choose a metric"
          value={values.primaryMetricId}
          // The new primary leaves the guardrails, where it could no longer be unticked.
          onValueChange={(next) =>
            onChange({
              primaryMetricId: next,
              guardrailMetricIds: values.guardrailMetricIds.filter((id) => id !== next),
            })
          }
          options={metrics.map((metric) => ({ value: metric.id, label: metric.name }))}
        />
      </FormField>
      <CheckboxList
        id={`${idPrefix}-guardrails`}
        name="guardrailMetricIds"
        legend="Guardrail metrics"
        help={HELP.guardrail}
        entries={metrics.filter((metric) => metric.id !== values.primaryMetricId)}
        selected={values.guardrailMetricIds}
        onChange={(guardrailMetricIds) => onChange({ guardrailMetricIds })}
        error={errors.guardrailMetricIds}
        emptyText="No other metrics defined yet."
      />
    </>
  );
}
