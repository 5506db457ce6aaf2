import { useState } from "react";
import { Navigate, Outlet, useSearchParams } from "react-router-dom";

import { FullPageSpinner } from "@/components/full-page-spinner";
import { useSession } from "../hooks/use-session";
import { safeNextPath } from "../lib/safe-next-path";

/**
 * Route guard for the sign-in and sign-up pages: someone who arrives already signed in goes on
 * to `next`. The decision is taken once, on arrival, so that signing in on the page itself does
 * not navigate away before the page has finished (accepting invitations, then redirecting).
 */
export function RedirectIfSignedIn() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const [arrivedSignedIn, setArrivedSignedIn] = useState<boolean | null>(null);

  if (arrivedSignedIn === null && session.status !== "loading") {
    setArrivedSignedIn(session.status === "signed-in");
  }

  if (arrivedSignedIn === null) return <FullPageSpinner />;
  if (arrivedSignedIn) return <Navigate to={safeNextPath(searchParams.get("next"))} replace />;
  return <Outlet />;
}
