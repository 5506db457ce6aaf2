import { cn } from "@/lib/utils";
import type { ExperimentVariant } from "../api/fetch-experiment";
import { formatAllocation } from "../lib/experiment-status";

// Distinct, theme-friendly fills; the control is always the first colour.
const FILLS = ["bg-chart-1", "bg-chart-4", "bg-chart-5", "bg-chart-3", "bg-chart-2"];

export function variantFill(index: number): string {
  return FILLS[index % FILLS.length]!;
}

/** The traffic split as one bar, each variant's share labelled for screen readers. */
export function AllocationBar({ variants }: { variants: ExperimentVariant[] }) {
  const total = variants.reduce((sum, variant) => sum + variant.allocationBp, 0);
  return (
    <div
      role="img"
      aria-label={`Traffic split: ${variants
        .map(
          (variant) => `${variant.name || variant.key} ${formatAllocation(variant.allocationBp)}`,
        )
        .join(", ")}`}
      className="flex h-3 w-full overflow-hidden rounded-full bg-muted"
    >
      {variants.map((variant, index) => (
        <div
          key={variant.id}
          className={cn("h-full", variantFill(index))}
          style={{ width: `${Math.min(variant.allocationBp, 10000) / 100}%` }}
          title={`${variant.name || variant.key}: ${formatAllocation(variant.allocationBp)}`}
        />
      ))}
      {total < 10000 && <div className="h-full flex-1" />}
    </div>
  );
}
