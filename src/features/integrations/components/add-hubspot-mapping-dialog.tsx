import { useRef, type FormEvent, type ReactNode } from "react";
import { PlusIcon } from "lucide-react";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useMetricDefinitions } from "@/features/taxonomy";
import { useZodForm } from "@/lib/use-zod-form";
import type { DealPipeline, HubspotProperty } from "../api/hubspot-function";
import { useDealPipelines } from "../hooks/use-deal-pipelines";
import { useHubspotProperties } from "../hooks/use-hubspot-properties";
import { useSaveHubspotMapping } from "../hooks/use-save-hubspot-mapping";
import {
  EMPTY_MAPPING_FORM,
  MAPPING_KINDS,
  mappingFormSchema,
  NONE,
  type MappingKind,
} from "../lib/mapping-form";

interface SelectFieldProps {
  id: string;
  /** Names the trigger, so a validation error can move focus to it. */
  name?: string;
  label: string;
  error?: string;
  description?: ReactNode;
  placeholder?: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}

function SelectField({
  id,
  name,
  label,
  error,
  description,
  placeholder,
  value,
  onChange,
  children,
}: SelectFieldProps) {
  return (
    <Select value={value} onValueChange={onChange}>
      <FormField id={id} label={label} error={error} description={description}>
        <SelectTrigger name={name} className="w-full">
          <SelectValue placeholder={placeholder} />
        </SelectTrigger>
      </FormField>
      <SelectContent>{children}</SelectContent>
    </Select>
  );
}

function StageItems({ pipelines }: { pipelines: DealPipeline[] }) {
  return pipelines.map((pipeline) => (
    <SelectGroup key={pipeline.id}>
      {pipelines.length > 1 && <SelectLabel>{pipeline.label}</SelectLabel>}
      {pipeline.stages.map((stage) => (
        <SelectItem key={`${pipeline.id}:${stage.id}`} value={stage.id}>
          {stage.label}
        </SelectItem>
      ))}
    </SelectGroup>
  ));
}

function PropertyItems({ properties }: { properties: HubspotProperty[] }) {
  return properties.map((property) => (
    <SelectItem key={property.name} value={property.name}>
      {property.label}{" "}
      <span className="font-mono text-xs text-muted-foreground">{property.name}</span>
    </SelectItem>
  ));
}

function AddMappingForm({ organizationId, onDone }: { organizationId: string; onDone(): void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(mappingFormSchema, EMPTY_MAPPING_FORM);
  const object = form.values.kind.startsWith("deal") ? "deals" : "contacts";
  const pipelines = useDealPipelines(organizationId, true);
  const properties = useHubspotProperties(organizationId, object, true);
  const metrics = useMetricDefinitions(organizationId);
  const save = useSaveHubspotMapping(organizationId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = form.validate(formRef.current);
    if (input) save.mutate(input, { onSuccess: onDone });
  }

  const kind = form.values.kind;
  const propertyList = properties.data ?? [];
  const numeric = propertyList.filter((p) => p.type === "number");
  const textual = propertyList.filter((p) => p.type === "string" || p.type === "number");
  const chosen = propertyList.find((p) => p.name === form.values.property);
  const activeMetrics = (metrics.data ?? []).filter((m) => m.archivedAt === null);
  const loadError = pipelines.error ?? properties.error ?? metrics.error;

  if (pipelines.isPending || properties.isPending || metrics.isPending) {
    return (
      <div
        className="grid gap-3"
        aria-busy="true"
        aria-label="Loading stages and properties from HubSpot"
      >
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (loadError) {
    return (
      <QueryErrorAlert
        title="HubSpot's stages and properties couldn't be loaded"
        error={loadError}
        onRetry={() => {
          void pipelines.refetch();
          void properties.refetch();
          void metrics.refetch();
        }}
      />
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      <SelectField
        id="mapping-kind"
        label="When"
        description={MAPPING_KINDS[kind].description}
        value={kind}
        onChange={(value) => {
          form.setValue("kind", value as MappingKind);
          form.setValue("property", "");
          form.setValue("equals", "");
        }}
      >
        {(Object.keys(MAPPING_KINDS) as MappingKind[]).map((value) => (
          <SelectItem key={value} value={value}>
            {MAPPING_KINDS[value].label}
          </SelectItem>
        ))}
      </SelectField>

      {kind === "deal_stage" ? (
        <SelectField
          id="mapping-stage"
          name="stage"
          label="Deal stage"
          error={form.errors.stage}
          placeholder="Choose a stage"
          value={form.values.stage}
          onChange={(value) => form.setValue("stage", value)}
        >
          <StageItems pipelines={pipelines.data ?? []} />
        </SelectField>
      ) : (
        <SelectField
          id="mapping-property"
          name="property"
          label={`${object === "deals" ? "Deal" : "Contact"} property`}
          error={form.errors.property}
          placeholder="Choose a property"
          value={form.values.property}
          onChange={(value) => {
            form.setValue("property", value);
            form.setValue("equals", "");
          }}
        >
          <PropertyItems properties={kind === "contact_equals" ? propertyList : numeric} />
        </SelectField>
      )}

      {kind === "contact_equals" &&
        (chosen && chosen.options.length > 0 ? (
          <SelectField
            id="mapping-equals"
            name="equals"
            label="Value that counts"
            error={form.errors.equals}
            placeholder="Choose a value"
            value={form.values.equals}
            onChange={(value) => form.setValue("equals", value)}
          >
            {chosen.options.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectField>
        ) : (
          <FormField id="mapping-equals" label="Value that counts" error={form.errors.equals}>
            <Input {...form.register("equals")} autoComplete="off" placeholder="customer" />
          </FormField>
        ))}

      {kind === "deal_number" && (
        <SelectField
          id="mapping-only-when"
          label="Only once the deal is in"
          description="For an amount, choose the won stage: open deals are not orders yet."
          value={form.values.onlyWhenStage}
          onChange={(value) => form.setValue("onlyWhenStage", value)}
        >
          <SelectItem value={NONE}>Any stage</SelectItem>
          <StageItems pipelines={pipelines.data ?? []} />
        </SelectField>
      )}

      <SelectField
        id="mapping-metric"
        name="metricKey"
        label="Record as metric"
        error={form.errors.metricKey}
        placeholder="Choose a metric"
        description={
          activeMetrics.length === 0
            ? "This organization has no outcome metrics yet: add one on the Taxonomy page first."
            : undefined
        }
        value={form.values.metricKey}
        onChange={(value) => form.setValue("metricKey", value)}
      >
        {activeMetrics.map((metric) => (
          <SelectItem key={metric.key} value={metric.key}>
            {metric.name}{" "}
            <span className="font-mono text-xs text-muted-foreground">{metric.key}</span>
          </SelectItem>
        ))}
      </SelectField>

      <SelectField
        id="mapping-account"
        label="Account"
        description="The property holding your customer's account id, to tie outcomes to accounts. Without one, the account is the HubSpot record."
        value={form.values.accountProperty}
        onChange={(value) => form.setValue("accountProperty", value)}
      >
        <SelectItem value={NONE}>The HubSpot record</SelectItem>
        <PropertyItems properties={textual} />
      </SelectField>

      {object === "contacts" && (
        <SelectField
          id="mapping-end-user"
          label="End user"
          description="The property holding the contact's user id in your product."
          value={form.values.endUserProperty}
          onChange={(value) => form.setValue("endUserProperty", value)}
        >
          <SelectItem value={NONE}>None</SelectItem>
          <PropertyItems properties={textual} />
        </SelectField>
      )}

      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel="Adding the mapping"
        submitLabel="Add mapping"
      />
    </form>
  );
}

export function AddHubspotMappingDialog({ organizationId }: { organizationId: string }) {
  return (
    <FormDialog
      trigger={
        <Button variant="outline">
          <PlusIcon />
          Add mapping
        </Button>
      }
      title="Map HubSpot to an outcome metric"
      description="Each record counts once per mapping. New mappings apply to records changed from now on; use “Re-read everything” to apply one to older records."
      className="sm:max-w-lg"
    >
      {(close) => <AddMappingForm organizationId={organizationId} onDone={close} />}
    </FormDialog>
  );
}
