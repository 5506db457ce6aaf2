import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import type { TaxonomyEntry } from "../api/fetch-experiment-options";
import { HelpTip } from "./help-tip";

interface CheckboxListProps {
  id: string;
  /** Lets the form move focus to the first box when the field is invalid. */
  name: string;
  legend: string;
  help?: string;
  entries: TaxonomyEntry[];
  selected: string[];
  onChange(next: string[]): void;
  error?: string;
  emptyText: string;
}

/** A multiple choice among taxonomy entries or metrics, as labelled checkboxes. */
export function CheckboxList({
  id,
  name,
  legend,
  help,
  entries,
  selected,
  onChange,
  error,
  emptyText,
}: CheckboxListProps) {
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-2 flex items-center gap-1.5 text-sm font-medium">
        {legend}
        {help && <HelpTip label={legend}>{help}</HelpTip>}
      </legend>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{emptyText}</p>
      ) : (
        <div className="grid max-h-40 grid-cols-1 gap-2 overflow-y-auto rounded-md border p-3 sm:grid-cols-2">
          {entries.map((entry, index) => (
            <div key={entry.id} className="flex items-center gap-2">
              <Checkbox
                id={`${id}-${entry.id}`}
                name={index === 0 ? name : undefined}
                checked={selected.includes(entry.id)}
                onCheckedChange={(checked) =>
                  onChange(
                    checked === true
                      ? entries
                          .filter((e) => e.id === entry.id || selected.includes(e.id))
                          .map((e) => e.id)
                      : selected.filter((other) => other !== entry.id),
                  )
                }
              />
              <Label
                htmlFor={`${id}-${entry.id}`}
                className="font-normal"
                title={entry.description}
              >
                {entry.name}
              </Label>
            </div>
          ))}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
