import { useLocation } from "react-router-dom";

/** Renders the current path and search, so tests can assert where the router ended up. */
export function LocationProbe() {
  const location = useLocation();
  return <output aria-label="Current location">{`${location.pathname}${location.search}`}</output>;
}
