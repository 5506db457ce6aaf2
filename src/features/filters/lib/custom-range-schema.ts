import { z } from "zod";

import { parseIsoDate } from "./iso-date";

function dayField(missing: string) {
  return z
    .string()
    .min(1, missing)
    .refine((value) => parseIsoDate(value) !== null, "Enter the date as YYYY-MM-DD.");
}

/**
 * The custom-range form: both days required, neither after `today` (yyyy-MM-dd), the start on
 * or before the end. yyyy-MM-dd strings compare correctly as plain strings.
 */
export function customRangeSchema(today: string) {
  return z
    .object({ from: dayField("Choose a start date."), to: dayField("Choose an end date.") })
    .superRefine(({ from, to }, context) => {
      if (from > today) {
        context.addIssue({
          code: "custom",
          path: ["from"],
          message: "The start date can't be after today.",
        });
      }
      if (to > today) {
        context.addIssue({
          code: "custom",
          path: ["to"],
          message: "The end date can't be after today.",
        });
      }
      if (from <= today && from > to) {
        context.addIssue({
          code: "custom",
          path: ["from"],
          message: "The start date must be on or before the end date.",
        });
      }
    });
}
