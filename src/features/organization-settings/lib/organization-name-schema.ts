import { z } from "zod";

// The same bounds as the organizations.name check, measured after trimming as the database does.
export const organizationNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters for the organization's name.")
    .max(80, "Keep the organization's name to 80 characters or fewer."),
});
