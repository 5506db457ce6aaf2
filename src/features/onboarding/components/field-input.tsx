import type { HTMLAttributes } from "react";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

interface FieldInputProps {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  description?: string;
  /** Numeric fields get the matching on-screen keyboard; text fields turn autocomplete off. */
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
}

/** A labelled text input wired into FormField; `name` lets validation focus it. */
export function FieldInput({
  id,
  name,
  label,
  value,
  onChange,
  error,
  description,
  inputMode,
}: FieldInputProps) {
  return (
    <FormField id={id} label={label} error={error} description={description}>
      <Input
        name={name}
        {...(inputMode ? { inputMode } : { autoComplete: "off" })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}
