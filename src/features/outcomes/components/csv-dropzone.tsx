import { useRef, useState } from "react";
import { FileUpIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Drop a file on it, or choose one with the button (the keyboard path). */
export function CsvDropzone({ onFile }: { onFile(file: File): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      className={cn(
        "flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center transition-colors",
        dragging && "border-primary bg-accent/40",
      )}
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-accent text-primary">
        <FileUpIcon className="size-6" aria-hidden="true" />
      </div>
      <p className="text-sm font-medium">Drop a CSV file here</p>
      <Button type="button" variant="outline" onClick={() => input.current?.click()}>
        Choose a file
      </Button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
        tabIndex={-1}
        className="sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so choosing the same file again (after fixing it) is a change.
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
      <p className="max-w-md text-sm text-muted-foreground">
        One outcome per row, with a header row: a metric, a value, when it happened, and at least
        one of run id, conversation, end user or account. Large files are fine: they are read and
        sent in chunks.
      </p>
    </div>
  );
}
