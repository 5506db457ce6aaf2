import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  type MetricDefinition,
  type TaxonomyEntry,
} from "@/features/taxonomy";
import { renderTemplate, VARIABLE_TYPE_LABELS, type PromptTemplate } from "@/features/templates";
import { FLOWS, PROVIDERS, type WizardDraft } from "../lib/wizard-draft";
import { FLOW_LABELS, parseBindings, type StepErrors } from "../lib/wizard-steps";
import { ChoiceCards } from "./choice-cards";
import { FieldInput } from "./field-input";
import { FieldSelect } from "./field-select";
import { HelpTip } from "./help-tip";

type Update = (change: (draft: WizardDraft) => WizardDraft) => void;

interface StepProps {
  draft: WizardDraft;
  update: Update;
  errors: StepErrors;
}

export function OutcomeStep({
  draft,
  update,
  errors,
  metrics,
}: StepProps & { metrics: MetricDefinition[] }) {
  const { outcome } = draft;
  const available = metrics.filter((metric) => metric.archivedAt === null);
  const setMetric = (field: keyof WizardDraft["outcome"]["metric"], value: string) =>
    update((d) => ({
      ...d,
      outcome: { ...d.outcome, metric: { ...d.outcome.metric, [field]: value } },
    }));
  const selected = available.find((metric) => metric.id === outcome.metricId);
  return (
    <div className="grid gap-5">
      <ChoiceCards
        name="outcome-mode"
        legend="The experiment is judged on this metric: its primary outcome."
        value={outcome.mode}
        options={[
          {
            value: "existing",
            title: "Pick a metric",
            description: "One your organization already tracks.",
          },
          {
            value: "new",
            title: "Define a new metric",
            description: "Key, unit, how runs aggregate, and which way is better.",
          },
        ]}
        onChange={(mode) => update((d) => ({ ...d, outcome: { ...d.outcome, mode } }))}
      />
      {outcome.mode === "existing" ? (
        <FieldSelect
          id="wizard-metric"
          name="metricId"
          label="Outcome metric"
          placeholder={available.length ? "Choose a metric" : "No metrics yet: define a new one"}
          value={outcome.metricId}
          options={available.map((m) => ({ value: m.id, label: `${m.name} (${m.key})` }))}
          onChange={(metricId) => update((d) => ({ ...d, outcome: { ...d.outcome, metricId } }))}
          error={errors.metricId}
          description={
            selected
              ? `${AGGREGATION_LABELS[selected.aggregation]}${selected.unit ? `, in ${selected.unit}` : ""}; ${DIRECTION_LABELS[selected.direction].toLowerCase()}.`
              : undefined
          }
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <FieldInput
            id="wizard-metric-key"
            name="metric.key"
            label="Key"
            value={outcome.metric.key}
            onChange={(value) => setMetric("key", value)}
            error={errors["metric.key"]}
            description="What your code sends with each outcome, e.g. conversion_rate."
          />
          <FieldInput
            id="wizard-metric-name"
            name="metric.name"
            label="Name"
            value={outcome.metric.name}
            onChange={(value) => setMetric("name", value)}
            error={errors["metric.name"]}
          />
          <FieldSelect
            id="wizard-metric-aggregation"
            name="metric.aggregation"
            label="Aggregation"
            value={outcome.metric.aggregation}
            placeholder="Choose"
            options={METRIC_AGGREGATIONS.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))}
            onChange={(value) => setMetric("aggregation", value)}
            error={errors["metric.aggregation"]}
          />
          {outcome.metric.aggregation === "percentile" ? (
            <FieldInput
              id="wizard-metric-percentile"
              name="metric.percentile"
              label="Percentile"
              inputMode="decimal"
              value={outcome.metric.percentile}
              onChange={(value) => setMetric("percentile", value)}
              error={errors["metric.percentile"]}
              description="95 for p95."
            />
          ) : null}
          <FieldSelect
            id="wizard-metric-direction"
            name="metric.direction"
            label="Direction"
            value={outcome.metric.direction}
            placeholder="Choose"
            options={METRIC_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
            onChange={(value) => setMetric("direction", value)}
            error={errors["metric.direction"]}
          />
          <FieldInput
            id="wizard-metric-unit"
            name="metric.unit"
            label="Unit (optional)"
            value={outcome.metric.unit}
            onChange={(value) => setMetric("unit", value)}
            error={errors["metric.unit"]}
            description="%, USD, ms, score…"
          />
        </div>
      )}
    </div>
  );
}

export function FlowStep({ draft, update, errors }: StepProps) {
  return (
    <ChoiceCards
      name="flow"
      legend="How your feature works decides what you configure next."
      value={draft.flow}
      options={FLOWS.map((flow) => ({ value: flow, ...FLOW_LABELS[flow] }))}
      onChange={(flow) => update((d) => ({ ...d, flow }))}
      error={errors.flow}
    />
  );
}

export function CapabilityStep({
  draft,
  update,
  errors,
  capabilities,
}: StepProps & { capabilities: TaxonomyEntry[] }) {
  const { capability } = draft;
  const available = capabilities.filter((entry) => entry.archivedAt === null);
  const setEntry = (field: "key" | "name", value: string) =>
    update((d) => ({
      ...d,
      capability: { ...d.capability, entry: { ...d.capability.entry, [field]: value } },
    }));
  return (
    <div className="grid gap-5">
      <ChoiceCards
        name="capability-mode"
        legend="The capability is the key your code sends to resolve; deployments and rollbacks work per capability."
        value={capability.mode}
        options={[
          { value: "existing", title: "Pick a capability" },
          { value: "new", title: "Add a new capability" },
        ]}
        onChange={(mode) => update((d) => ({ ...d, capability: { ...d.capability, mode } }))}
      />
      {capability.mode === "existing" ? (
        <FieldSelect
          id="wizard-capability"
          name="capability"
          label="Capability"
          placeholder={available.length ? "Choose a capability" : "None yet: add a new one"}
          value={capability.id}
          options={available.map((c) => ({ value: c.id, label: `${c.key} · ${c.name}` }))}
          onChange={(id) => update((d) => ({ ...d, capability: { ...d.capability, id } }))}
          error={errors.capability}
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <FieldInput
            id="wizard-capability-key"
            name="capability.key"
            label="Key"
            value={capability.entry.key}
            onChange={(value) => setEntry("key", value)}
            error={errors["capability.key"]}
            description="e.g. BookAppointment. It never changes once created."
          />
          <FieldInput
            id="wizard-capability-name"
            name="capability.name"
            label="Name"
            value={capability.entry.name}
            onChange={(value) => setEntry("name", value)}
            error={errors["capability.name"]}
          />
        </div>
      )}
    </div>
  );
}

const PROVIDER_LABELS: Record<(typeof PROVIDERS)[number], string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
  custom: "Custom",
};

export function PromptStep({
  draft,
  update,
  errors,
  templates,
}: StepProps & { templates: PromptTemplate[] }) {
  const { prompt } = draft;
  const setPrompt = <Field extends keyof WizardDraft["prompt"]>(
    field: Field,
    value: WizardDraft["prompt"][Field],
  ) => update((d) => ({ ...d, prompt: { ...d.prompt, [field]: value } }));
  const latest = templates
    .filter((template) => template.archivedAt === null && template.versions.length > 0)
    .map((template) => ({ template, version: template.versions[0]! }));
  const chosen = latest.find((entry) => entry.version.id === prompt.templateVersionId);
  const preview = chosen
    ? renderTemplate(
        chosen.version.body,
        chosen.version.variables,
        parseBindings(chosen.version.variables, prompt.bindings).values,
      )
    : "";

  return (
    <div className="grid gap-5">
      <ChoiceCards
        name="prompt-mode"
        legend="The control version: what the experiment starts from. Variants come later, on the experiment page."
        value={prompt.mode}
        options={[
          { value: "text", title: "Write the prompt" },
          {
            value: "template",
            title: "Use a template",
            description: latest.length
              ? "A shared template, with its variables bound."
              : "Your organization has no templates yet.",
          },
        ]}
        onChange={(mode) => setPrompt("mode", mode)}
      />
      {prompt.mode === "text" ? (
        <FormField id="wizard-prompt-text" label="Prompt" error={errors["prompt.text"]}>
          <Textarea
            name="prompt.text"
            rows={5}
            value={prompt.text}
            onChange={(e) => setPrompt("text", e.target.value)}
          />
        </FormField>
      ) : (
        <div className="grid gap-4">
          <FieldSelect
            id="wizard-template"
            name="prompt.templateVersionId"
            label="Template"
            placeholder="Choose a template"
            value={prompt.templateVersionId}
            options={latest.map(({ template, version }) => ({
              value: version.id,
              label: `${template.name} (v${version.number})`,
            }))}
            onChange={(id) =>
              update((d) => ({
                ...d,
                prompt: { ...d.prompt, templateVersionId: id, bindings: {} },
              }))
            }
            error={errors["prompt.templateVersionId"]}
          />
          {chosen ? (
            <div className="grid gap-4 md:grid-cols-2">
              <fieldset className="grid content-start gap-3">
                <legend className="mb-2 text-sm font-medium">Bindings</legend>
                {chosen.version.variables.length === 0 ? (
                  <p className="text-sm text-muted-foreground">This template has no variables.</p>
                ) : null}
                {chosen.version.variables.map((variable) => (
                  <FormField
                    key={variable.name}
                    id={`wizard-binding-${variable.name}`}
                    label={
                      <span className="flex items-center gap-2">
                        <span className="font-mono">{variable.name}</span>
                        <Badge variant="outline">{VARIABLE_TYPE_LABELS[variable.type]}</Badge>
                        {variable.default === undefined ? (
                          <Badge variant="outline">required</Badge>
                        ) : null}
                      </span>
                    }
                    description={
                      [
                        variable.description,
                        variable.default !== undefined
                          ? `Default: ${JSON.stringify(variable.default)}`
                          : null,
                      ]
                        .filter(Boolean)
                        .join(" · ") || undefined
                    }
                    error={errors[`binding.${variable.name}`]}
                  >
                    <Input
                      name={`binding.${variable.name}`}
                      autoComplete="off"
                      value={prompt.bindings[variable.name] ?? ""}
                      onChange={(e) =>
                        setPrompt("bindings", {
                          ...prompt.bindings,
                          [variable.name]: e.target.value,
                        })
                      }
                    />
                  </FormField>
                ))}
              </fieldset>
              <section aria-label="Template preview" className="grid content-start gap-2">
                <p className="text-sm font-medium">Preview</p>
                <pre className="rounded-lg border bg-muted/40 p-3 text-sm whitespace-pre-wrap">
                  {preview}
                </pre>
                <p className="text-xs text-muted-foreground">
                  {
                    "Placeholders still shown as {{name}} have no value yet. At serve time, resolve's variables override these bindings per request."
                  }
                </p>
              </section>
            </div>
          ) : null}
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <FieldSelect
          id="wizard-provider"
          name="prompt.provider"
          label="Provider"
          placeholder="Choose a provider"
          value={prompt.provider}
          options={PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))}
          onChange={(value) => setPrompt("provider", value as WizardDraft["prompt"]["provider"])}
        />
        <FieldInput
          id="wizard-model"
          name="prompt.model"
          label="Model"
          value={prompt.model}
          onChange={(value) => setPrompt("model", value)}
          error={errors["prompt.model"]}
        />
        <FieldInput
          id="wizard-temperature"
          name="prompt.temperature"
          label="Temperature (optional)"
          inputMode="decimal"
          value={prompt.temperature}
          onChange={(value) => setPrompt("temperature", value)}
          error={errors["prompt.temperature"]}
          description="0 to 2; lower is more predictable."
        />
        <FieldInput
          id="wizard-max-tokens"
          name="prompt.maxTokens"
          label="Max tokens (optional)"
          inputMode="numeric"
          value={prompt.maxTokens}
          onChange={(value) => setPrompt("maxTokens", value)}
          error={errors["prompt.maxTokens"]}
        />
      </div>
      <FormField
        id="wizard-system-prompt"
        label="System prompt (optional)"
        error={errors["prompt.systemPrompt"]}
      >
        <Textarea
          name="prompt.systemPrompt"
          rows={2}
          value={prompt.systemPrompt}
          onChange={(e) => setPrompt("systemPrompt", e.target.value)}
        />
      </FormField>
    </div>
  );
}

export function CreateStep({ draft, update, errors }: StepProps) {
  const set = (field: "name" | "hypothesis", value: string) =>
    update((d) => ({ ...d, experiment: { ...d.experiment, [field]: value } }));
  return (
    <div className="grid gap-4">
      <FieldInput
        id="wizard-experiment-name"
        name="experiment.name"
        label="Experiment name"
        value={draft.experiment.name}
        onChange={(value) => set("name", value)}
        error={errors["experiment.name"]}
      />
      <FormField
        id="wizard-hypothesis"
        label={
          <span className="flex items-center gap-1.5">
            Hypothesis (optional)
            <HelpTip label="hypothesis">
              What you expect to change and why, e.g. “Asking about budget first converts more leads
              without slowing answers down.” Reviewers read it when they approve.
            </HelpTip>
          </span>
        }
        error={errors["experiment.hypothesis"]}
      >
        <Textarea
          name="experiment.hypothesis"
          rows={3}
          value={draft.experiment.hypothesis}
          onChange={(e) => set("hypothesis", e.target.value)}
        />
      </FormField>
      <p className="text-sm text-muted-foreground">
        Creating makes a draft with one control variant (100% of the traffic). Nothing is served
        until it has been reviewed, approved and deployed: add variants and submit it for review on
        the experiment's page.
      </p>
    </div>
  );
}
