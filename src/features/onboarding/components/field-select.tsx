import { FormField } from "@/components/ui/form-field";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

interface FieldSelectProps {
  id: string;
  name: string;
  label: string;
  value: string;
  placeholder: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  error?: string;
  description?: string;
}

/** A labelled select wired into FormField; `name` lets validation focus it. */
export function FieldSelect({
  id,
  name,
  label,
  value,
  placeholder,
  options,
  onChange,
  error,
  description,
}: FieldSelectProps) {
  return (
    // FormField wires its label and messages into the trigger, the focusable part of the select.
    <Select value={value} onValueChange={onChange}>
      <FormField id={id} label={label} error={error} description={description}>
        <SelectTrigger name={name} className="w-full">
          <SelectValue placeholder={placeholder} />
        </SelectTrigger>
      </FormField>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
