import { AlertTriangle } from "lucide-react";

import { cn } from "@/lib/utils";
import { useTimeRange } from "../hooks/use-time-range";

/**
 * Says which filters in the URL could not be used and what is shown instead. Renders nothing
 * when every filter is valid; it goes away as soon as a valid filter is picked.
 */
export function FilterWarnings({ className }: { className?: string }) {
  const { warning } = useTimeRange();
  if (!warning) return null;
  return (
    <p role="status" className={cn("flex items-center gap-2 text-xs text-foreground", className)}>
      <AlertTriangle className="size-3.5 shrink-0 text-warning" aria-hidden="true" />
      {warning}
    </p>
  );
}
