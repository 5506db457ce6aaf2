import { z } from "zod";

// Supabase Auth hashes with bcrypt, which ignores everything after 72 bytes.
const PASSWORD_MAX_LENGTH = 72;

const email = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .pipe(z.email("Enter a valid email address, like name@company.com."));

const newPassword = z
  .string()
  .min(8, "Use at least 8 characters for your password.")
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`);

const confirmPassword = z.string().min(1, "Type your password again to confirm it.");

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password."),
});
export type SignInValues = z.input<typeof signInSchema>;

export const signUpSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, "Enter your name, as your colleagues will see it.")
      .max(80, "Keep your name to 80 characters or fewer."),
    email,
    password: newPassword,
    confirmPassword,
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });
export type SignUpValues = z.input<typeof signUpSchema>;

export const forgotPasswordSchema = z.object({ email });
export type ForgotPasswordValues = z.input<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });
export type ResetPasswordValues = z.input<typeof resetPasswordSchema>;
