import { z } from "zod";

import { OUTCOME_IDENTIFIER_MAX, type OutcomeRow } from "@shared/outcome-rows.ts";
import { parseCsvNumber } from "./csv";

export const MANUAL_LINK_FIELDS = ["run_id", "conversation_id", "end_user_id", "account"] as const;

export const MANUAL_LINK_LABELS: Record<(typeof MANUAL_LINK_FIELDS)[number], string> = {
  run_id: "Run id",
  conversation_id: "Conversation",
  end_user_id: "End user",
  account: "Account",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const identifier = z
  .string()
  .trim()
  .max(OUTCOME_IDENTIFIER_MAX, `At most ${OUTCOME_IDENTIFIER_MAX} characters.`);

/** The form's values are what the inputs hold (strings); the output is an outcome row. */
export const manualOutcomeSchema = z
  .object({
    metric_key: z.string().min(1, "Choose the metric this outcome is for."),
    value: z
      .string()
      .trim()
      .min(1, "Enter a value.")
      .refine((text) => parseCsvNumber(text) !== undefined, "Enter a number, like 4 or -129.90."),
    // <input type="datetime-local">: local time without a zone, e.g. 2026-03-02T14:05.
    occurred_at: z
      .string()
      .min(1, "Enter when it happened.")
      .refine((text) => !Number.isNaN(new Date(text).getTime()), "Enter a valid date and time."),
    run_id: identifier.refine(
      (text) => text === "" || UUID.test(text),
      "A run id is a UUID, like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.",
    ),
    conversation_id: identifier,
    end_user_id: identifier,
    account: identifier,
  })
  .superRefine((values, context) => {
    if (MANUAL_LINK_FIELDS.every((field) => values[field] === "")) {
      context.addIssue({
        code: "custom",
        path: ["run_id"],
        message: "Link the outcome to a run, a conversation, an end user or an account.",
      });
    }
  });

export type ManualOutcomeValues = z.input<typeof manualOutcomeSchema>;

/** The outcome row for `record_outcomes`; the key makes a resubmission of the same form a no-op. */
export function toOutcomeRow(
  values: z.output<typeof manualOutcomeSchema>,
  idempotencyKey: string,
): OutcomeRow {
  const row: OutcomeRow = {
    idempotency_key: idempotencyKey,
    metric_key: values.metric_key,
    value: parseCsvNumber(values.value)!,
    // The browser's local time zone applies to the picked time; seconds are dropped.
    occurred_at: new Date(values.occurred_at).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  for (const field of MANUAL_LINK_FIELDS) {
    if (values[field] !== "") row[field] = values[field];
  }
  return row;
}

/** The value of a datetime-local input for `date`, in the browser's time zone. */
export function toDateTimeLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
