import { z } from "zod";

/** Select values for "no narrowing": Radix Select items cannot have an empty value. */
export const ANY = "any";
/** The version choice that lets the active experiment split the scope's traffic. */
export const SPLIT = "split";

export const deploySchema = z
  .object({
    capabilityId: z.string().min(1, "Choose the capability to deploy to."),
    actionId: z.string(),
    intentId: z.string(),
    experimentId: z.string().min(1, "Choose the experiment whose version you deploy."),
    /** Either a version id, or "split" to let the active experiment split the traffic. */
    versionId: z.string().min(1, "Choose a version, or let the experiment split the traffic."),
    note: z.string().trim().max(1000, "Keep the note to 1,000 characters or fewer."),
  })
  .transform((values) => ({
    capabilityId: values.capabilityId,
    actionId: values.actionId === ANY ? null : values.actionId,
    intentId: values.intentId === ANY ? null : values.intentId,
    experimentId: values.experimentId,
    splitTraffic: values.versionId === SPLIT,
    // With a split, the experiment's control version is the baseline (the RPC picks it).
    versionId: values.versionId === SPLIT ? null : values.versionId,
    note: values.note,
  }));

export type DeployFormValues = z.input<typeof deploySchema>;
export type DeployValues = z.output<typeof deploySchema>;
