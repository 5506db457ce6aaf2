import { Navigate, useLocation } from "react-router-dom";

/** /o/:orgSlug on its own opens the overview, keeping the filters in the URL. */
export function RedirectToOverview() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: "overview", search }} replace />;
}
