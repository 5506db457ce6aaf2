import { createContext } from "react";
import type { Session, User } from "@supabase/supabase-js";

export type SessionState =
  | { status: "loading"; session: null; user: null }
  | {
      status: "signed-out";
      session: null;
      user: null;
      /** True when the person pressed Sign out, as opposed to a session that expired. */
      signedOutByUser: boolean;
    }
  | { status: "signed-in"; session: Session; user: User };

export type SessionContextValue = SessionState & {
  signOut(): Promise<void>;
};

export const SessionContext = createContext<SessionContextValue | null>(null);
