import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Session } from "@supabase/supabase-js";

import { supabase } from "@/lib/supabase";
import { signOut as requestSignOut } from "../api/auth-actions";
import { SessionContext, type SessionState } from "../hooks/session-context";

function stateFor(session: Session | null, signedOutByUser: boolean): SessionState {
  return session
    ? { status: "signed-in", session, user: session.user }
    : { status: "signed-out", session: null, user: null, signedOutByUser };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({
    status: "loading",
    session: null,
    user: null,
  });
  const signingOut = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let currentUserId: string | null = null;

    const apply = (session: Session | null) => {
      if (cancelled) return;
      const nextUserId = session?.user.id ?? null;
      // Cached rows were read under the previous person's permissions: never show them to the next.
      if (currentUserId !== null && currentUserId !== nextUserId) queryClient.clear();
      currentUserId = nextUserId;
      setState(stateFor(session, signingOut.current));
      if (!session) signingOut.current = false;
    };

    supabase.auth
      .getSession()
      .then(({ data }) => apply(data.session))
      .catch(() => apply(null));
    const { data } = supabase.auth.onAuthStateChange((_event, session) => apply(session));

    return () => {
      cancelled = true;
      data.subscription.unsubscribe();
    };
  }, [queryClient]);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await requestSignOut();
    } catch (error) {
      signingOut.current = false;
      throw error;
    }
  }, []);

  const value = useMemo(() => ({ ...state, signOut }), [state, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}
