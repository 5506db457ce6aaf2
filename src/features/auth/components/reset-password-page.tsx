import { useRef, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "@tanstack/react-query";
import { LinkIcon } from "lucide-react";
import { toast } from "sonner";

import { FullPageSpinner } from "@/components/full-page-spinner";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Spinner } from "@/components/ui/spinner";
import { useZodForm } from "@/lib/use-zod-form";
import { updatePassword } from "../api/auth-actions";
import { useSession } from "../hooks/use-session";
import { resetPasswordSchema } from "../lib/auth-schemas";
import { AuthLayout } from "./auth-layout";
import { FormErrorAlert } from "@/components/form-error-alert";
import { PasswordInput } from "./password-input";

/**
 * Where the emailed reset link lands. supabase-js turns the link's token into a recovery session
 * as the app starts; with that session the person can set a new password.
 */
export function ResetPasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(resetPasswordSchema, { password: "", confirmPassword: "" });
  const mutation = useMutation({
    mutationFn: (password: string) => updatePassword(password),
    onSuccess: () => {
      toast.success("Your password has been changed.");
      navigate("/", { replace: true });
    },
  });

  if (session.status === "loading") return <FullPageSpinner />;

  if (session.status === "signed-out") {
    return (
      <AuthLayout
        title="This reset link doesn't work"
        footer={
          <Link to="/sign-in" className="font-medium text-primary hover:underline">
            Back to sign in
          </Link>
        }
      >
        <div className="flex flex-col items-center gap-4 text-center">
          <LinkIcon className="size-10 text-primary" aria-hidden="true" />
          <p className="text-sm text-muted-foreground">
            Reset links can be used once and expire after a short time. Request a new link and open
            it from the most recent email.
          </p>
          <Button asChild>
            <Link to="/forgot-password">Request a new link</Link>
          </Button>
        </div>
      </AuthLayout>
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) mutation.mutate(values.password);
  }

  return (
    <AuthLayout
      title="Choose a new password"
      description={
        <>
          For <span className="font-medium text-foreground">{session.user.email}</span>.
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
        <FormErrorAlert error={mutation.error} />
        <FormField
          id="reset-password"
          label="New password"
          description="At least 8 characters."
          error={form.errors.password}
        >
          <PasswordInput autoComplete="new-password" autoFocus {...form.register("password")} />
        </FormField>
        <FormField
          id="reset-confirm"
          label="Confirm new password"
          error={form.errors.confirmPassword}
        >
          <PasswordInput autoComplete="new-password" {...form.register("confirmPassword")} />
        </FormField>
        <Button type="submit" size="lg" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner label="Saving" className="text-current" /> : null}
          {mutation.isPending ? "Saving…" : "Save new password"}
        </Button>
      </form>
    </AuthLayout>
  );
}
