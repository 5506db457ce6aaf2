import { useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Badge } from "@/components/ui/badge";
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
import type { PromptTemplate } from "../api/fetch-templates";
import { useSaveTemplate } from "../hooks/use-save-template";
import {
  templateVersionSchema,
  type TemplateVersionFormValues,
  type VariableFormValues,
} from "../lib/template-schemas";
import {
  bindingProblems,
  declarationProblems,
  formatTypedInput,
  parseTypedInput,
  renderTemplate,
  templatePlaceholders,
  VARIABLE_TYPE_LABELS,
  VARIABLE_TYPES,
  type JsonValue,
  type VariableDeclaration,
  type VariableType,
} from "../lib/template-variables";

/** Variables follow the body as it is typed; what was declared for a kept name stays. */
function syncVariables(body: string, current: VariableFormValues[]): VariableFormValues[] {
  return templatePlaceholders(body).map(
    (name) =>
      current.find((v) => v.name === name) ?? { name, type: "text", description: "", default: "" },
  );
}

/** The live check: declarations as far as they parse, the sample values, and every problem. */
export function checkTemplate(
  body: string,
  variables: VariableFormValues[],
  samples: Record<string, string>,
) {
  const declarations: VariableDeclaration[] = [];
  const problems: string[] = [];
  for (const variable of variables) {
    const declaration: VariableDeclaration = { name: variable.name, type: variable.type };
    const parsed = parseTypedInput(variable.type, variable.default);
    if ("error" in parsed) problems.push(`${variable.name}: default: ${parsed.error}`);
    else if (parsed.value !== undefined) declaration.default = parsed.value;
    declarations.push(declaration);
  }
  problems.push(...declarationProblems(body, declarations));
  const values: Record<string, JsonValue> = {};
  for (const declaration of declarations) {
    const parsed = parseTypedInput(declaration.type, samples[declaration.name] ?? "");
    if ("error" in parsed) problems.push(`${declaration.name}: sample: ${parsed.error}`);
    else if (parsed.value !== undefined) values[declaration.name] = parsed.value;
  }
  const unbound = bindingProblems(declarations, values);
  return { rendered: renderTemplate(body, declarations, values), problems, unbound };
}

interface EditorProps {
  organizationId: string;
  /** Null for a new template; otherwise the new version starts from its latest. */
  template: PromptTemplate | null;
  onDone(): void;
}

export function TemplateEditor({ organizationId, template, onDone }: EditorProps) {
  const latest = template?.versions[0];
  const [values, setValues] = useState<TemplateVersionFormValues>(() => ({
    name: template?.name ?? "",
    description: template?.description ?? "",
    body: latest?.body ?? "",
    changeMessage: "",
    variables: (latest?.variables ?? []).map((v) => ({
      name: v.name,
      type: v.type,
      description: v.description ?? "",
      default: formatTypedInput(v.default),
    })),
  }));
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors<TemplateVersionFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveTemplate(organizationId);
  const check = useMemo(
    () => checkTemplate(values.body, values.variables, samples),
    [values.body, values.variables, samples],
  );

  function set<Field extends keyof TemplateVersionFormValues>(
    field: Field,
    value: TemplateVersionFormValues[Field],
  ) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function setVariable(name: string, change: Partial<VariableFormValues>) {
    set(
      "variables",
      values.variables.map((v) => (v.name === name ? { ...v, ...change } : v)),
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(templateVersionSchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    save.mutate(
      { templateId: template?.id ?? null, values: result.data },
      {
        onSuccess: () => {
          toast.success(
            template
              ? `Saved version ${(latest?.number ?? 0) + 1} of ${template.name}`
              : `Created template ${result.data.name}`,
          );
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      {template ? null : (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="template-name" label="Name" error={errors.name}>
            <Input
              name="name"
              autoComplete="off"
              value={values.name}
              onChange={(e) => set("name", e.target.value)}
            />
          </FormField>
          <FormField
            id="template-description"
            label="Description (optional)"
            error={errors.description}
          >
            <Input
              name="description"
              autoComplete="off"
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
            />
          </FormField>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="grid content-start gap-4">
          <FormField
            id="template-body"
            label="Body"
            error={errors.body}
            description={
              "Write variables as {{customer_name}}: letters, digits and _, starting with a letter or _. They are detected as you type."
            }
          >
            <Textarea
              name="body"
              rows={7}
              className="font-mono text-sm"
              value={values.body}
              onChange={(e) => {
                const body = e.target.value;
                setValues((current) => ({
                  ...current,
                  body,
                  variables: syncVariables(body, current.variables),
                }));
                setErrors((current) => ({ ...current, body: undefined, variables: undefined }));
              }}
            />
          </FormField>
          <fieldset
            className="grid gap-3"
            aria-describedby={errors.variables ? "template-variables-error" : undefined}
          >
            <legend className="mb-2 text-sm font-medium">
              Variables ({values.variables.length})
            </legend>
            {values.variables.length === 0 ? (
              <p className="text-sm text-muted-foreground">{"No {{variables}} in the body yet."}</p>
            ) : null}
            {values.variables.map((variable, index) => (
              <div
                key={variable.name}
                className="grid gap-2 rounded-lg border p-3"
                role="group"
                aria-label={`Variable ${variable.name}`}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-sm">{`{{${variable.name}}}`}</code>
                  <Select
                    value={variable.type}
                    onValueChange={(type) =>
                      setVariable(variable.name, { type: type as VariableType })
                    }
                  >
                    <SelectTrigger
                      name={index === 0 ? "variables" : undefined}
                      className="ml-auto h-8 w-32"
                      aria-label={`Type of ${variable.name}`}
                    >
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {VARIABLE_TYPES.map((type) => (
                        <SelectItem key={type} value={type}>
                          {VARIABLE_TYPE_LABELS[type]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
                <div className="grid gap-2 sm:grid-cols-2">
                  <Input
                    aria-label={`Description of ${variable.name}`}
                    placeholder="Description"
                    value={variable.description}
                    onChange={(e) => setVariable(variable.name, { description: e.target.value })}
                  />
                  <Input
                    aria-label={`Default of ${variable.name}`}
                    placeholder="Default (empty: must be bound)"
                    value={variable.default}
                    onChange={(e) => setVariable(variable.name, { default: e.target.value })}
                  />
                </div>
              </div>
            ))}
            {errors.variables ? (
              <p id="template-variables-error" role="alert" className="text-sm text-destructive">
                {errors.variables}
              </p>
            ) : null}
          </fieldset>
          {template ? (
            <FormField
              id="template-change-message"
              label="What changed (optional)"
              error={errors.changeMessage}
            >
              <Input
                name="changeMessage"
                autoComplete="off"
                value={values.changeMessage}
                onChange={(e) => set("changeMessage", e.target.value)}
              />
            </FormField>
          ) : null}
        </div>
        <section aria-label="Preview" className="grid content-start gap-3">
          <p className="text-sm font-medium">Preview with sample values</p>
          {values.variables.map((variable) => (
            <div key={variable.name} className="grid gap-1">
              <label
                htmlFor={`sample-${variable.name}`}
                className="flex items-center gap-2 text-sm"
              >
                <span className="font-mono">{variable.name}</span>
                <Badge variant="outline">{VARIABLE_TYPE_LABELS[variable.type]}</Badge>
              </label>
              <Input
                id={`sample-${variable.name}`}
                placeholder={variable.default ? `Default: ${variable.default}` : "Sample value"}
                value={samples[variable.name] ?? ""}
                onChange={(e) =>
                  setSamples((current) => ({ ...current, [variable.name]: e.target.value }))
                }
              />
            </div>
          ))}
          <pre
            data-testid="template-preview"
            className="min-h-24 rounded-lg border bg-muted/40 p-3 text-sm whitespace-pre-wrap"
          >
            {check.rendered || (
              <span className="text-muted-foreground">The rendered prompt appears here.</span>
            )}
          </pre>
          <div aria-live="polite" className="grid gap-1 text-sm">
            {check.problems.length === 0 && check.unbound.length === 0 ? (
              <p className="flex items-center gap-1.5 text-success">
                <CheckCircle2 className="size-4" aria-hidden="true" />
                Every variable is declared and bound.
              </p>
            ) : (
              <ul className="grid gap-1" aria-label="Problems">
                {[...check.problems, ...check.unbound].map((problem) => (
                  <li key={problem} className="flex items-start gap-1.5 text-warning">
                    <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                    {problem}
                  </li>
                ))}
              </ul>
            )}
            {check.unbound.length > 0 && check.problems.length === 0 ? (
              <p className="text-xs text-muted-foreground">
                Unbound variables can still be saved: experiments using the template must bind them
                (or rely on a default).
              </p>
            ) : null}
          </div>
        </section>
      </div>
      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel="Saving"
        submitLabel={template ? "Save new version" : "Create template"}
      />
    </form>
  );
}

export function TemplateEditorDialog({
  organizationId,
  template,
  trigger,
}: Omit<EditorProps, "onDone"> & { trigger: ReactNode }) {
  return (
    <FormDialog
      trigger={trigger}
      title={template ? `New version of ${template.name}` : "New prompt template"}
      description="Versions are immutable: experiments pointing at one never change under them. Saving checks the body and variables again in the database."
      className="max-h-[90vh] overflow-y-auto sm:max-w-5xl"
    >
      {(close) => (
        <TemplateEditor organizationId={organizationId} template={template} onDone={close} />
      )}
    </FormDialog>
  );
}
