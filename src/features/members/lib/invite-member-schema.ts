import { z } from "zod";
import { ROLES } from "@/features/auth";

export const inviteMemberSchema = z.object({
  // Lowercased because the database stores, and matches sign-ups against, lowercase addresses.
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the email address of the person to invite.")
    .pipe(z.email("Enter a full email address, like name@company.com.")),
  // The form starts with no role chosen (""), so the input is any string.
  role: z.string().pipe(z.enum(ROLES, { error: "Choose the role they'll have when they join." })),
});

export type InviteMemberFormValues = z.input<typeof inviteMemberSchema>;
