import { useContext } from "react";
import type { User } from "@supabase/supabase-js";

import { SessionContext, type SessionContextValue } from "./session-context";

/** The Supabase session: loading until the stored session is read, then signed in or out. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** The signed-in user, for components rendered behind <RequireAuth>. */
export function useSignedInUser(): User {
  const session = useSession();
  if (session.status !== "signed-in") {
    throw new Error("useSignedInUser must be used behind <RequireAuth>");
  }
  return session.user;
}
