import { useMemo, useRef, useState, type FormEvent } from "react";
import { CalendarRange } from "lucide-react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { useZodForm } from "@/lib/use-zod-form";
import { cn } from "@/lib/utils";
import { customRangeSchema } from "../lib/custom-range-schema";
import { toIsoDate } from "../lib/iso-date";
import { rangeAsIsoDates, type TimeRange } from "../lib/time-range";

interface CustomRangePopoverProps {
  range: TimeRange;
  now: Date;
  onApply: (range: { from: string; to: string }) => void;
}

export function CustomRangePopover({ range, now, onApply }: CustomRangePopoverProps) {
  const [open, setOpen] = useState(false);
  const active = range.preset === "custom";
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          aria-label={active ? `Custom range: ${range.label}` : undefined}
          className={cn(
            active &&
              "border-primary bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground",
          )}
        >
          <CalendarRange />
          {active ? range.label : "Custom"}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-80" aria-labelledby="custom-range-heading">
        <CustomRangeForm
          initial={rangeAsIsoDates(range)}
          today={toIsoDate(now)}
          onCancel={() => setOpen(false)}
          onApply={(dates) => {
            onApply(dates);
            setOpen(false);
          }}
        />
      </PopoverContent>
    </Popover>
  );
}

interface CustomRangeFormProps {
  initial: { from: string; to: string };
  today: string;
  onApply: (range: { from: string; to: string }) => void;
  onCancel: () => void;
}

function CustomRangeForm({ initial, today, onApply, onCancel }: CustomRangeFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(() => customRangeSchema(today), [today]);
  const form = useZodForm(schema, initial);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) onApply(values);
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="custom-range-heading" className="text-sm font-semibold">
          Custom range
        </h2>
        <p className="text-xs text-muted-foreground">Whole days, in your time zone.</p>
      </div>
      <FormField id="custom-range-from" label="From" error={form.errors.from}>
        <Input type="date" max={today} {...form.register("from")} />
      </FormField>
      <FormField id="custom-range-to" label="To" error={form.errors.to}>
        <Input type="date" max={today} {...form.register("to")} />
      </FormField>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm">
          Apply
        </Button>
      </div>
    </form>
  );
}
