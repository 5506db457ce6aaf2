import { useState, type FormEvent } from "react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentVariant } from "../api/fetch-experiment";
import { useUpdateAllocations } from "../hooks/use-update-allocations";
import { allocationsSchema } from "../lib/allocations-schema";

/** Percent inputs for a draft's variants; saved only when they add up to 100%. */
export function AllocationEditor({
  variants,
  onDone,
}: {
  variants: ExperimentVariant[];
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const [percents, setPercents] = useState(() =>
    Object.fromEntries(variants.map((variant) => [variant.id, String(variant.allocationBp / 100)])),
  );
  const [error, setError] = useState<string>();
  const update = useUpdateAllocations(organization.id);
  const total = Object.values(percents).reduce((sum, value) => sum + (Number(value) || 0), 0);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = allocationsSchema.safeParse(percents);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    update.mutate(
      Object.entries(parsed.data).map(([variantId, allocationBp]) => ({ variantId, allocationBp })),
      {
        onSuccess: () => {
          toast.success("Saved the allocations");
          onDone();
        },
      },
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="grid gap-3" aria-label="Edit allocations">
      <FormErrorAlert error={update.error} />
      <div className="grid gap-2 sm:grid-cols-2">
        {variants.map((variant) => (
          <div key={variant.id} className="flex items-center gap-2">
            <Label htmlFor={`allocation-${variant.id}`} className="min-w-0 flex-1 truncate">
              {variant.name || variant.key}
            </Label>
            <Input
              id={`allocation-${variant.id}`}
              inputMode="decimal"
              className="w-24 text-right tabular-nums"
              value={percents[variant.id] ?? ""}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                const value = event.target.value;
                setPercents((current) => ({ ...current, [variant.id]: value }));
                setError(undefined);
              }}
            />
            <span className="text-sm text-muted-foreground">%</span>
          </div>
        ))}
      </div>
      <p
        className={total === 100 ? "text-sm text-muted-foreground" : "text-sm text-warning"}
        aria-live="polite"
      >
        Total: {Number(total.toFixed(2))}%{total === 100 ? "" : " (must be 100%)"}
      </p>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.isPending}>
          {update.isPending && <Spinner label="Saving" className="text-current" />}
          Save allocations
        </Button>
        <Button
          type="button"
          size="sm"
          variant="outline"
          onClick={onDone}
          disabled={update.isPending}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
