import { useState, type FormEvent } from "react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
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
import type { ModelPrice } from "../api/fetch-model-prices";
import { useSaveModelPrice } from "../hooks/use-save-model-price";
import {
  PRICE_PROVIDERS,
  PROVIDER_LABELS,
  priceFormSchema,
  type PriceFormValues,
  type PriceProvider,
} from "../lib/price-form";

type Errors = Partial<Record<keyof PriceFormValues, string>>;

function PriceForm({
  organizationId,
  price,
  onDone,
}: {
  organizationId: string;
  /** The row being edited; none to price a model that is not in the table. */
  price: ModelPrice | undefined;
  onDone(): void;
}) {
  const [values, setValues] = useState<PriceFormValues>({
    provider: price?.provider ?? "openai",
    model: price?.model ?? "",
    input: price ? String(price.inputPerMtok) : "",
    output: price ? String(price.outputPerMtok) : "",
    cached: price?.cachedInputPerMtok != null ? String(price.cachedInputPerMtok) : "",
  });
  const [errors, setErrors] = useState<Errors>({});
  const save = useSaveModelPrice(organizationId);

  const set = (field: keyof PriceFormValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = priceFormSchema.safeParse(values);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof PriceFormValues;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    save.mutate(
      { overrideId: price?.overrideId ?? null, price: parsed.data },
      {
        onSuccess: () => {
          toast.success(`Saved the price of ${parsed.data.model}`);
          onDone();
        },
      },
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      {!price && (
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <FormField id="price-provider" label="Provider" error={errors.provider}>
            <Select
              value={values.provider}
              onValueChange={(value) => set("provider")(value as PriceProvider)}
            >
              <SelectTrigger>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {PRICE_PROVIDERS.map((provider) => (
                  <SelectItem key={provider} value={provider}>
                    {PROVIDER_LABELS[provider]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField
            id="price-model"
            label="Model"
            error={errors.model}
            description="As runs name it. Dated snapshots (gpt-4o-2024-08-06) use their model's price."
          >
            <Input
              value={values.model}
              spellCheck={false}
              placeholder="gpt-4o-mini"
              onChange={(event) => set("model")(event.target.value)}
            />
          </FormField>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="price-input" label="Input, $ per 1M tokens" error={errors.input}>
          <Input
            inputMode="decimal"
            value={values.input}
            onChange={(event) => set("input")(event.target.value)}
          />
        </FormField>
        <FormField
          id="price-cached"
          label="Cached input, $ per 1M"
          error={errors.cached}
          description="Empty: billed as input."
        >
          <Input
            inputMode="decimal"
            value={values.cached}
            onChange={(event) => set("cached")(event.target.value)}
          />
        </FormField>
        <FormField id="price-output" label="Output, $ per 1M tokens" error={errors.output}>
          <Input
            inputMode="decimal"
            value={values.output}
            onChange={(event) => set("output")(event.target.value)}
          />
        </FormField>
      </div>
      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel="Saving the price"
        submitLabel="Save price"
      />
    </form>
  );
}

/** Edit a model's price for this organization, or (with no `price`) price another model. */
export function ModelPriceDialog({
  organizationId,
  price,
}: {
  organizationId: string;
  price?: ModelPrice;
}) {
  return (
    <FormDialog
      className="sm:max-w-xl"
      trigger={
        price ? (
          <Button variant="ghost" size="sm" aria-label={`Edit the price of ${price.model}`}>
            Edit
          </Button>
        ) : (
          <Button>Add a model</Button>
        )
      }
      title={price ? `Price of ${price.model}` : "Price another model"}
      description="Runs recorded from now on are costed at this price when they arrive without a cost of their own. Runs already stored keep their cost."
    >
      {(close) => <PriceForm organizationId={organizationId} price={price} onDone={close} />}
    </FormDialog>
  );
}
