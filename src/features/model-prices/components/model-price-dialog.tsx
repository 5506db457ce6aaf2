import { useRef, type FormEvent } from "react";
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
import { useZodForm } from "@/lib/use-zod-form";
import type { ModelPrice } from "../api/fetch-model-prices";
import { useSaveModelPrice } from "../hooks/use-save-model-price";
import {
  PRICE_PROVIDERS,
  PROVIDER_LABELS,
  priceFormSchema,
  type PriceFormResult,
  type PriceFormValues,
  type PriceProvider,
} from "../lib/price-form";

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
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm<PriceFormValues, PriceFormResult>(priceFormSchema, {
    provider: price?.provider ?? "openai",
    model: price?.model ?? "",
    input: price ? String(price.inputPerMtok) : "",
    output: price ? String(price.outputPerMtok) : "",
    cached: price?.cachedInputPerMtok != null ? String(price.cachedInputPerMtok) : "",
  });
  const save = useSaveModelPrice(organizationId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = form.validate(formRef.current);
    if (!parsed) return;
    save.mutate(
      { overrideId: price?.overrideId ?? null, price: parsed },
      {
        onSuccess: () => {
          toast.success(`Saved the price of ${parsed.model}`);
          onDone();
        },
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <FormErrorAlert error={save.error} />
      {!price && (
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <FormField id="price-provider" label="Provider" error={form.errors.provider}>
            <Select
              value={form.values.provider}
              onValueChange={(value) => form.setValue("provider", value as PriceProvider)}
            >
              <SelectTrigger name="provider">
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
            error={form.errors.model}
            description="As runs name it. Dated snapshots (gpt-4o-2024-08-06) use their model's price."
          >
            <Input {...form.register("model")} spellCheck={false} placeholder="gpt-4o-mini" />
          </FormField>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="price-input" label="Input, $ per 1M tokens" error={form.errors.input}>
          <Input inputMode="decimal" {...form.register("input")} />
        </FormField>
        <FormField
          id="price-cached"
          label="Cached input, $ per 1M"
          error={form.errors.cached}
          description="Empty: billed as input."
        >
          <Input inputMode="decimal" {...form.register("cached")} />
        </FormField>
        <FormField id="price-output" label="Output, $ per 1M tokens" error={form.errors.output}>
          <Input inputMode="decimal" {...form.register("output")} />
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
