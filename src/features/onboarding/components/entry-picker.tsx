import { useState } from "react";
import { Plus, X } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TAXONOMY_KIND_LABELS, type TaxonomyEntry } from "@/features/taxonomy";
import type { EntryChoice } from "../lib/wizard-draft";
import type { StepErrors } from "../lib/wizard-steps";

interface EntryPickerProps {
  kind: "intents" | "actions";
  entries: TaxonomyEntry[];
  value: EntryChoice;
  onChange(value: EntryChoice): void;
  errors: StepErrors;
}

/** Pick existing intents or actions and add new ones inline; new ones are created at the end. */
export function EntryPicker({ kind, entries, value, onChange, errors }: EntryPickerProps) {
  const labels = TAXONOMY_KIND_LABELS[kind];
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const available = entries.filter((entry) => entry.archivedAt === null);

  function toggle(id: string, checked: boolean) {
    onChange({
      ...value,
      selectedIds: checked ? [...value.selectedIds, id] : value.selectedIds.filter((s) => s !== id),
    });
  }

  function add() {
    if (!key.trim()) return;
    onChange({
      ...value,
      created: [...value.created, { key: key.trim(), name: name.trim() || key.trim() }],
    });
    setKey("");
    setName("");
  }

  return (
    <div className="grid gap-5">
      <fieldset
        className="grid gap-2"
        aria-describedby={errors[kind] ? `${kind}-error` : undefined}
      >
        <legend className="mb-2 text-sm font-medium">Existing {labels.many.toLowerCase()}</legend>
        {available.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Your organization has no {labels.many.toLowerCase()} yet: add the first one below.
          </p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {available.map((entry, index) => (
              <div key={entry.id} className="flex items-start gap-2 rounded-md border px-3 py-2">
                <Checkbox
                  id={`${kind}-${entry.id}`}
                  name={index === 0 ? kind : undefined}
                  checked={value.selectedIds.includes(entry.id)}
                  onCheckedChange={(checked) => toggle(entry.id, checked === true)}
                  className="mt-0.5"
                />
                <Label htmlFor={`${kind}-${entry.id}`} className="grid gap-0.5 font-normal">
                  <span className="font-mono text-sm">{entry.key}</span>
                  <span className="text-xs text-muted-foreground">{entry.name}</span>
                </Label>
              </div>
            ))}
          </div>
        )}
        {errors[kind] ? (
          <p id={`${kind}-error`} role="alert" className="text-sm text-destructive">
            {errors[kind]}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-3 rounded-lg border border-dashed p-4">
        <p className="text-sm font-medium">Add a new {labels.one}</p>
        <div className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
          <div className="grid gap-1.5">
            <Label htmlFor={`new-${kind}-key`}>Key</Label>
            <Input
              id={`new-${kind}-key`}
              placeholder={labels.example}
              value={key}
              autoComplete="off"
              onChange={(event) => setKey(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`new-${kind}-name`}>Name</Label>
            <Input
              id={`new-${kind}-name`}
              placeholder="Shown in Causeway"
              value={name}
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <Button type="button" variant="outline" onClick={add} disabled={!key.trim()}>
            <Plus aria-hidden="true" />
            Add {labels.one}
          </Button>
        </div>
        {value.created.length > 0 ? (
          <ul className="grid gap-2" aria-label={`New ${labels.many.toLowerCase()}`}>
            {value.created.map((entry, index) => {
              const error = errors[`${kind}.${index}.key`] ?? errors[`${kind}.${index}.name`];
              return (
                <li key={`${entry.key}-${index}`} className="grid gap-1">
                  <div className="flex items-center gap-2 text-sm">
                    <Badge variant="outline">New</Badge>
                    <span className="font-mono">{entry.key}</span>
                    <span className="text-muted-foreground">{entry.name}</span>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      className="ml-auto size-7"
                      aria-label={`Remove ${entry.key}`}
                      onClick={() =>
                        onChange({ ...value, created: value.created.filter((_, i) => i !== index) })
                      }
                    >
                      <X aria-hidden="true" />
                    </Button>
                  </div>
                  {error ? (
                    <p role="alert" className="text-sm text-destructive">
                      {entry.key}: {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
