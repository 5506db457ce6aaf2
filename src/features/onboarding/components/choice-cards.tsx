import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

interface ChoiceCardsProps<Value extends string> {
  name: string;
  legend: ReactNode;
  value: Value | null;
  options: Array<{ value: Value; title: string; description?: string }>;
  onChange(value: Value): void;
  error?: string;
  columns?: 1 | 2;
}

/** Radio buttons drawn as cards: arrow keys move between them, as with any radio group. */
export function ChoiceCards<Value extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  error,
  columns = 2,
}: ChoiceCardsProps<Value>) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="grid gap-3" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-3 text-sm font-medium">{legend}</legend>
      <div className={cn("grid gap-3", columns === 2 && "md:grid-cols-2")}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex cursor-pointer gap-3 rounded-lg border p-4 transition-colors has-focus-visible:ring-2 has-focus-visible:ring-ring",
              value === option.value ? "border-primary bg-primary/5" : "hover:bg-accent/40",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="mt-1 accent-primary"
            />
            <span className="grid gap-1">
              <span className="font-medium">{option.title}</span>
              {option.description ? (
                <span className="text-sm text-muted-foreground">{option.description}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
