import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import type { FieldErrors } from "@/lib/form";
import type { TemplateVersionOption } from "../api/fetch-experiment-options";
import { LLM_PROVIDERS, PROVIDER_LABELS, type LlmProvider } from "../lib/experiment-status";
import type { VersionFormValues } from "../lib/version-form-schema";
import { OptionSelect } from "./option-select";

interface VersionFieldsProps {
  idPrefix: string;
  values: VersionFormValues;
  errors: FieldErrors<VersionFormValues>;
  templateVersions: TemplateVersionOption[];
  onChange(patch: Partial<VersionFormValues>): void;
}

/** Prompt (text, or template + bindings), provider, model and config of a version. */
export function VersionFields({
  idPrefix,
  values,
  errors,
  templateVersions,
  onChange,
}: VersionFieldsProps) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const template = templateVersions.find((option) => option.id === values.templateVersionId);

  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <span id={id("source-label")} className="text-sm font-medium">
          Prompt
        </span>
        <ToggleGroup
          type="single"
          variant="outline"
          size="sm"
          aria-labelledby={id("source-label")}
          value={values.source}
          onValueChange={(next) => {
            if (next === "text" || next === "template") onChange({ source: next });
          }}
        >
          <ToggleGroupItem value="text" className="px-3">
            Prompt text
          </ToggleGroupItem>
          <ToggleGroupItem
            value="template"
            className="px-3"
            disabled={templateVersions.length === 0}
          >
            From a template
          </ToggleGroupItem>
        </ToggleGroup>
      </div>
      {values.source === "text" ? (
        <FormField id={id("prompt-text")} label="Prompt text" error={errors.promptText}>
          <Textarea
            name="promptText"
            rows={5}
            className="max-h-64 font-mono text-xs md:text-xs"
            value={values.promptText}
            onChange={(event) => onChange({ promptText: event.target.value })}
          />
        </FormField>
      ) : (
        <>
          <FormField id={id("template")} label="Template version" error={errors.templateVersionId}>
            <OptionSelect
              name="templateVersionId"
              placeholder="Choose a template version"
              value={values.templateVersionId}
              onValueChange={(next) => onChange({ templateVersionId: next, templateBindings: {} })}
              options={templateVersions.map((option) => ({
                value: option.id,
                label: option.label,
              }))}
            />
          </FormField>
          {template && (
            <fieldset className="grid gap-3 rounded-md border p-3">
              <legend className="px-1 text-sm font-medium">Bindings</legend>
              <p className="font-mono text-xs whitespace-pre-wrap text-muted-foreground">
                {template.body}
              </p>
              {template.variables.map((variable, index) => (
                <div key={variable.name} className="grid gap-1.5">
                  <Label htmlFor={id(`binding-${variable.name}`)} className="font-mono">
                    {`{{${variable.name}}}`}
                    <span className="font-sans text-xs font-normal text-muted-foreground">
                      {variable.type}
                      {variable.hasDefault ? ", optional" : ""}
                    </span>
                  </Label>
                  <Input
                    id={id(`binding-${variable.name}`)}
                    name={index === 0 ? "templateBindings" : undefined}
                    placeholder={variable.description}
                    value={values.templateBindings[variable.name] ?? ""}
                    onChange={(event) =>
                      onChange({
                        templateBindings: {
                          ...values.templateBindings,
                          [variable.name]: event.target.value,
                        },
                      })
                    }
                  />
                </div>
              ))}
              {errors.templateBindings && (
                <p role="alert" className="text-sm text-destructive">
                  {errors.templateBindings}
                </p>
              )}
            </fieldset>
          )}
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("provider")} label="Provider" error={errors.provider}>
          <OptionSelect
            name="provider"
            value={values.provider}
            onValueChange={(next) => onChange({ provider: next as LlmProvider })}
            options={LLM_PROVIDERS.map((provider) => ({
              value: provider,
              label: PROVIDER_LABELS[provider],
            }))}
          />
        </FormField>
        <FormField id={id("model")} label="Model" error={errors.model}>
          <Input
            name="model"
            autoComplete="off"
            placeholder="gpt-4o"
            value={values.model}
            onChange={(event) => onChange({ model: event.target.value })}
          />
        </FormField>
      </div>
      <FormField
        id={id("system-prompt")}
        label="System prompt (optional)"
        error={errors.systemPrompt}
      >
        <Textarea
          name="systemPrompt"
          rows={2}
          className="max-h-40 font-mono text-xs md:text-xs"
          value={values.systemPrompt}
          onChange={(event) => onChange({ systemPrompt: event.target.value })}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id={id("temperature")} label="Temperature" error={errors.temperature}>
          <Input
            name="temperature"
            inputMode="decimal"
            placeholder="Default"
            value={values.temperature}
            onChange={(event) => onChange({ temperature: event.target.value })}
          />
        </FormField>
        <FormField id={id("top-p")} label="Top p" error={errors.topP}>
          <Input
            name="topP"
            inputMode="decimal"
            placeholder="Default"
            value={values.topP}
            onChange={(event) => onChange({ topP: event.target.value })}
          />
        </FormField>
        <FormField id={id("max-tokens")} label="Max tokens" error={errors.maxTokens}>
          <Input
            name="maxTokens"
            inputMode="numeric"
            placeholder="Default"
            value={values.maxTokens}
            onChange={(event) => onChange({ maxTokens: event.target.value })}
          />
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id={id("stop-sequences")}
          label="Stop sequences"
          description="One per line, up to 16."
          error={errors.stopSequences}
        >
          <Textarea
            name="stopSequences"
            rows={2}
            className="font-mono text-xs md:text-xs"
            value={values.stopSequences}
            onChange={(event) => onChange({ stopSequences: event.target.value })}
          />
        </FormField>
        <FormField
          id={id("params")}
          label="Extra parameters (JSON)"
          description='E.g. {"base_url": …} for a custom provider.'
          error={errors.params}
        >
          <Textarea
            name="params"
            rows={2}
            className="font-mono text-xs md:text-xs"
            value={values.params}
            onChange={(event) => onChange({ params: event.target.value })}
          />
        </FormField>
      </div>
    </div>
  );
}
