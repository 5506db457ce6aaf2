import { Navigate, Outlet, useLocation } from "react-router-dom";

import { FullPageSpinner } from "@/components/full-page-spinner";
import { useSession } from "../hooks/use-session";
import { signInPathFor } from "../lib/safe-next-path";

/** Route guard: renders the child routes for a signed-in person, otherwise sends them to sign in and back. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.status === "loading") return <FullPageSpinner />;
  if (session.status === "signed-out") {
    const target = session.signedOutByUser
      ? "/sign-in"
      : signInPathFor(`${location.pathname}${location.search}`);
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
