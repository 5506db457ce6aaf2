import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";

interface OptionSelectProps {
  value: string;
  onValueChange(value: string): void;
  options: { value: string; label: string }[];
  placeholder?: string;
  // Set by FormField: the label, description and error reach the trigger, the focusable part.
  // `name` lets a form focus the trigger when the field is invalid.
  id?: string;
  name?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
}

/** A single choice in a form, labelled through FormField like a text input. */
export function OptionSelect({
  value,
  onValueChange,
  options,
  placeholder,
  ...triggerProps
}: OptionSelectProps) {
  return (
    <Select value={value} onValueChange={onValueChange}>
      <SelectTrigger className="w-full" {...triggerProps}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
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
