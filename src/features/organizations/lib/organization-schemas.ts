import { z } from "zod";

export const createOrganizationSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters for the organization's name.")
    .max(80, "Keep the organization's name to 80 characters or fewer."),
});
