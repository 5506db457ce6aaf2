import { cn } from "@/lib/utils";

interface BrandMarkProps {
  className?: string;
  /** Hides the wordmark, e.g. where only the logo fits. */
  compact?: boolean;
}

export function BrandMark({ className, compact = false }: BrandMarkProps) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <img src="/favicon.svg" alt={compact ? "Causeway" : ""} className="size-8 shrink-0" />
      {compact ? null : (
        <span className="text-lg font-semibold tracking-tight text-foreground">Causeway</span>
      )}
    </span>
  );
}
