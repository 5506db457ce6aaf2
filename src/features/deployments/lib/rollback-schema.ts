import { z } from "zod";

// rollback_deployment refuses a blank reason and deployments.note holds at most 1,000 characters.
export const rollbackSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why you are rolling back: the reason is kept in the scope's history.")
    .max(1000, "Keep the reason to 1,000 characters or fewer."),
});
export type RollbackFormValues = z.input<typeof rollbackSchema>;
export type RollbackValues = z.output<typeof rollbackSchema>;
