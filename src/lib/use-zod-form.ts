import { useState, type ChangeEvent } from "react";
import type { z } from "zod";

import { focusFirstInvalidField, parseForm, type FieldErrors } from "./form";

/**
 * State for a form of text fields validated by a zod schema: `register(name)` wires an input,
 * `setValue(name, value)` sets one from a control without a change event (a Select);
 * `validate(form)` returns the parsed values or shows the errors and focuses the first one.
 * A field's error clears as soon as it is edited.
 */
export function useZodForm<Values extends Record<string, string>, Output>(
  schema: z.ZodType<Output, Values>,
  initialValues: Values,
) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors<Values>>({});

  function setValue<Name extends keyof Values & string>(name: Name, value: Values[Name]) {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }

  function register<Name extends keyof Values & string>(name: Name) {
    return {
      name,
      value: values[name],
      onChange(event: ChangeEvent<HTMLInputElement>) {
        setValue(name, event.target.value as Values[Name]);
      },
    };
  }

  function validate(form: HTMLFormElement | null): Output | null {
    const result = parseForm(schema, values);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    setErrors(result.errors);
    focusFirstInvalidField(form, result.errors);
    return null;
  }

  return { values, errors, register, setValue, validate };
}
