import { useState, type FormEvent } from "react";
import { SplitIcon } from "lucide-react";
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
import { evenSplit } from "../lib/variant-form-schema";

/**
 * Percent inputs for a draft's variants; saved only when they add up to 100%. Variants added or
 * removed while it is open join or leave it with their stored allocation.
 */
export function AllocationEditor({
  variants,
  onDone,
}: {
  variants: ExperimentVariant[];
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const update = useUpdateAllocations(organization.id);
  const percents = Object.fromEntries(
    variants.map((variant) => [
      variant.id,
      typed[variant.id] ?? String(variant.allocationBp / 100),
    ]),
  );
  const total = Object.values(percents).reduce((sum, value) => sum + (Number(value) || 0), 0);
  const complete = Math.abs(total - 100) < 1e-9;

  function splitEvenly() {
    const shares = evenSplit(variants.length);
    setTyped(
      Object.fromEntries(
        variants.map((variant, index) => [variant.id, String(shares[index]! / 100)]),
      ),
    );
    setError(undefined);
  }

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
                setTyped((current) => ({ ...current, [variant.id]: value }));
                setError(undefined);
              }}
            />
            <span className="text-sm text-muted-foreground">%</span>
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p
          className={complete ? "text-sm text-muted-foreground" : "text-sm text-warning"}
          aria-live="polite"
        >
          Total: {Number(total.toFixed(2))}%{complete ? "" : " (must be 100%)"}
        </p>
        {variants.length > 1 && (
          <Button type="button" size="sm" variant="ghost" onClick={splitEvenly}>
            <SplitIcon aria-hidden="true" />
            Split evenly
          </Button>
        )}
      </div>
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
