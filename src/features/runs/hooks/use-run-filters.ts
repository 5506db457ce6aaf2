import { useMemo } from "react";

import { useUrlFilters } from "@/features/filters";
import { runFilterParams, toQueryFilters } from "../lib/run-filters";

/** The explorer's filters and sort, kept in the URL so a filtered view can be linked to. */
export function useRunFilters() {
  const { values, issues, setFilters } = useUrlFilters(runFilterParams);
  const queryFilters = useMemo(() => toQueryFilters(values), [values]);
  return { values, issues, setFilters, queryFilters, sort: values.sort ?? "newest" };
}
