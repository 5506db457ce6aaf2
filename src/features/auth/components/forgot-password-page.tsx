import { useRef, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "@tanstack/react-query";
import { MailCheck } from "lucide-react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useZodForm } from "@/lib/use-zod-form";
import { requestPasswordReset } from "../api/auth-actions";
import { forgotPasswordSchema } from "../lib/auth-schemas";
import { AuthLayout } from "./auth-layout";
import { FormErrorAlert } from "@/components/form-error-alert";

export function ForgotPasswordPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(forgotPasswordSchema, { email: "" });
  const mutation = useMutation({ mutationFn: (email: string) => requestPasswordReset(email) });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) mutation.mutate(values.email);
  }

  const backToSignIn = (
    <Link to="/sign-in" className="font-medium text-primary hover:underline">
      Back to sign in
    </Link>
  );

  if (mutation.isSuccess) {
    return (
      <AuthLayout title="Check your email" footer={backToSignIn}>
        <div className="flex flex-col items-center gap-3 text-center" role="status">
          <MailCheck className="size-10 text-primary" aria-hidden="true" />
          {/* Deliberately the same whether or not the account exists, so addresses can't be probed. */}
          <p className="text-sm text-muted-foreground">
            If an account exists for that email, a reset link is on its way. It can take a minute to
            arrive; check your spam folder if you don't see it.
          </p>
          <Button variant="outline" onClick={() => mutation.reset()}>
            Use a different email
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      description="Enter the email you sign in with and we'll send you a link to choose a new password."
      footer={backToSignIn}
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
        <FormErrorAlert error={mutation.error} />
        <FormField id="forgot-email" label="Email" error={form.errors.email}>
          <Input type="email" autoComplete="email" autoFocus {...form.register("email")} />
        </FormField>
        <Button type="submit" size="lg" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner label="Sending" className="text-current" /> : null}
          {mutation.isPending ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </AuthLayout>
  );
}
