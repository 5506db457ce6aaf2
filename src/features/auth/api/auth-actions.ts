import type { Session, User } from "@supabase/supabase-js";

import { supabase } from "@/lib/supabase";
import { authErrorMessage } from "../lib/auth-error-message";

/** A failed auth call whose message is ready to show on the form. */
export class AuthFormError extends Error {
  constructor(cause: unknown) {
    super(authErrorMessage(cause), { cause });
    this.name = "AuthFormError";
  }
}

// supabase-js resolves with `{ error }` for API errors but rejects on some network failures;
// both end up as an AuthFormError.
async function call<T extends { error: unknown }>(request: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await request();
  } catch (error) {
    throw new AuthFormError(error);
  }
  if (result.error) throw new AuthFormError(result.error);
  return result;
}

export async function signIn(email: string, password: string): Promise<User> {
  const { data } = await call(() => supabase.auth.signInWithPassword({ email, password }));
  if (!data.user) throw new AuthFormError(new Error("The server signed you in without a user."));
  return data.user;
}

export interface SignUpInput {
  displayName: string;
  email: string;
  password: string;
}

/** `session` is null when the project requires people to confirm their email first. */
export async function signUp({ displayName, email, password }: SignUpInput): Promise<{
  user: User | null;
  session: Session | null;
}> {
  const { data } = await call(() =>
    supabase.auth.signUp({
      email,
      password,
      // The profile trigger copies display_name from the user metadata.
      options: { data: { display_name: displayName }, emailRedirectTo: window.location.origin },
    }),
  );
  if (data.session && data.user) {
    // The profile trigger reads display_name from the user metadata, but @supabase/lite on
    // Postgres stores that metadata as a JSON string, so the name never reaches the profile.
    // Writing it directly works on every server. Best effort: the account exists either way.
    await supabase.from("profiles").update({ display_name: displayName }).eq("id", data.user.id);
  }
  return data;
}

export async function requestPasswordReset(email: string): Promise<void> {
  await call(() =>
    supabase.auth.resetPasswordForEmail(email, {
      redirectTo: `${window.location.origin}/reset-password`,
    }),
  );
}

export async function updatePassword(password: string): Promise<void> {
  await call(() => supabase.auth.updateUser({ password }));
}

export async function signOut(): Promise<void> {
  await call(() => supabase.auth.signOut());
}
