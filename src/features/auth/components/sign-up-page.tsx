import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "@tanstack/react-query";
import { MailCheck } from "lucide-react";
import type { User } from "@supabase/supabase-js";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useZodForm } from "@/lib/use-zod-form";
import { signUp } from "../api/auth-actions";
import { signUpSchema } from "../lib/auth-schemas";
import { safeNextPath } from "../lib/safe-next-path";
import { AuthLayout } from "./auth-layout";
import { FormErrorAlert } from "@/components/form-error-alert";
import { PasswordInput } from "./password-input";

interface SignUpPageProps {
  /** Runs once the new account is signed in, before leaving the page; it must not throw. */
  onSignedUp?: (user: User) => Promise<void>;
}

export function SignUpPage({ onSignedUp }: SignUpPageProps) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const nextParam = searchParams.get("next");
  const formRef = useRef<HTMLFormElement>(null);
  const [confirmationSentTo, setConfirmationSentTo] = useState<string | null>(null);
  const form = useZodForm(signUpSchema, {
    displayName: "",
    email: "",
    password: "",
    confirmPassword: "",
  });

  const mutation = useMutation({
    mutationFn: async (values: { displayName: string; email: string; password: string }) => {
      const { user, session } = await signUp(values);
      if (session && user) await onSignedUp?.(user);
      return { signedIn: Boolean(session), email: values.email };
    },
    onSuccess: ({ signedIn, email }) => {
      if (signedIn) navigate(safeNextPath(nextParam), { replace: true });
      else setConfirmationSentTo(email);
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) mutation.mutate(values);
  }

  const linkSearch = nextParam ? `?next=${encodeURIComponent(nextParam)}` : "";
  const signInLink = (
    <Link to={`/sign-in${linkSearch}`} className="font-medium text-primary hover:underline">
      Sign in
    </Link>
  );

  if (confirmationSentTo) {
    return (
      <AuthLayout title="Check your email" footer={<>Confirmed already? {signInLink}</>}>
        <div className="flex flex-col items-center gap-3 text-center" role="status">
          <MailCheck className="size-10 text-primary" aria-hidden="true" />
          <p className="text-sm text-muted-foreground">
            We sent a confirmation link to{" "}
            <span className="font-medium text-foreground">{confirmationSentTo}</span>. Open it to
            finish creating your account, then sign in.
          </p>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Create your account"
      description="If a colleague invited you, use the email address the invitation was sent to: you'll join their organization straight away."
      footer={<>Already have an account? {signInLink}</>}
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
        <FormErrorAlert error={mutation.error} />
        <FormField id="sign-up-name" label="Your name" error={form.errors.displayName}>
          <Input autoComplete="name" autoFocus {...form.register("displayName")} />
        </FormField>
        <FormField id="sign-up-email" label="Email" error={form.errors.email}>
          <Input type="email" autoComplete="email" {...form.register("email")} />
        </FormField>
        <FormField
          id="sign-up-password"
          label="Password"
          description="At least 8 characters."
          error={form.errors.password}
        >
          <PasswordInput autoComplete="new-password" {...form.register("password")} />
        </FormField>
        <FormField
          id="sign-up-confirm"
          label="Confirm password"
          error={form.errors.confirmPassword}
        >
          <PasswordInput autoComplete="new-password" {...form.register("confirmPassword")} />
        </FormField>
        <Button type="submit" size="lg" disabled={mutation.isPending}>
          {mutation.isPending ? (
            <Spinner label="Creating your account" className="text-current" />
          ) : null}
          {mutation.isPending ? "Creating your account…" : "Create account"}
        </Button>
      </form>
    </AuthLayout>
  );
}
