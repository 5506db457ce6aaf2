import { useRef, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useMutation } from "@tanstack/react-query";
import type { User } from "@supabase/supabase-js";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useZodForm } from "@/lib/use-zod-form";
import { signIn } from "../api/auth-actions";
import { signInSchema } from "../lib/auth-schemas";
import { safeNextPath } from "../lib/safe-next-path";
import { AuthLayout } from "./auth-layout";
import { FormErrorAlert } from "@/components/form-error-alert";
import { PasswordInput } from "./password-input";

interface SignInPageProps {
  /** Runs after a successful sign-in and before leaving the page; it must not throw. */
  onSignedIn?: (user: User) => Promise<void>;
}

export function SignInPage({ onSignedIn }: SignInPageProps) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const nextParam = searchParams.get("next");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useZodForm(signInSchema, { email: "", password: "" });

  const mutation = useMutation({
    mutationFn: async ({ email, password }: { email: string; password: string }) => {
      const user = await signIn(email, password);
      await onSignedIn?.(user);
    },
    onSuccess: () => navigate(safeNextPath(nextParam), { replace: true }),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (values) mutation.mutate(values);
  }

  const linkSearch = nextParam ? `?next=${encodeURIComponent(nextParam)}` : "";

  return (
    <AuthLayout
      title="Sign in"
      description="Welcome back. Sign in to see your organization's experiments and outcomes."
      footer={
        <>
          New to Causeway?{" "}
          <Link to={`/sign-up${linkSearch}`} className="font-medium text-primary hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
        <FormErrorAlert error={mutation.error} />
        <FormField id="sign-in-email" label="Email" error={form.errors.email}>
          <Input type="email" autoComplete="email" autoFocus {...form.register("email")} />
        </FormField>
        <div className="grid gap-2">
          <FormField id="sign-in-password" label="Password" error={form.errors.password}>
            <PasswordInput autoComplete="current-password" {...form.register("password")} />
          </FormField>
          <Link
            to="/forgot-password"
            className="justify-self-end text-sm text-primary hover:underline"
          >
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" size="lg" disabled={mutation.isPending}>
          {mutation.isPending ? <Spinner label="Signing in" className="text-current" /> : null}
          {mutation.isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </AuthLayout>
  );
}
