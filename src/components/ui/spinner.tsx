import * as React from "react";
import { LoaderCircle } from "lucide-react";

import { cn } from "@/lib/utils";

/** The icon is sized in `em`, so `text-*` classes on the spinner scale it. */
function Spinner({
  label = "Loading",
  className,
  ...props
}: React.ComponentProps<"div"> & { label?: string }) {
  return (
    <div
      role="status"
      data-slot="spinner"
      className={cn("inline-flex items-center text-muted-foreground", className)}
      {...props}
    >
      <LoaderCircle className="size-[1.25em] animate-spin" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </div>
  );
}

export { Spinner };
