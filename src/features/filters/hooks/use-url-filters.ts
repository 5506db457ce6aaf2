import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";

import {
  readUrlFilters,
  writeUrlFilters,
  type ParsedUrlFilters,
  type UrlFilterPatch,
  type UrlFilterSchemas,
} from "../lib/url-filters";

export interface UrlFilters<Schemas extends UrlFilterSchemas> extends ParsedUrlFilters<Schemas> {
  /** Applies `patch` as a new history entry, so Back returns to the previous filters. */
  setFilters(patch: UrlFilterPatch<Schemas>): void;
}

/**
 * Typed filters kept in the URL's search parameters, so a copied link reopens the same view.
 * `schemas` maps each parameter to a zod schema; declare it once at module level so its
 * identity is stable.
 *
 * @example
 * const experimentFilters = {
 *   model: z.array(z.enum(["gpt-4", "gemini", "claude"])).optional(),
 *   experiment: z.uuid(),
 * } satisfies UrlFilterSchemas;
 *
 * const { values, issues, setFilters } = useUrlFilters(experimentFilters);
 * values.model;                          // ("gpt-4" | "gemini" | "claude")[] | undefined
 * setFilters({ model: ["claude"] });     // ?model=claude, other parameters kept
 * setFilters({ experiment: undefined }); // removes ?experiment
 */
export function useUrlFilters<Schemas extends UrlFilterSchemas>(
  schemas: Schemas,
): UrlFilters<Schemas> {
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = useMemo(() => readUrlFilters(searchParams, schemas), [searchParams, schemas]);
  const setFilters = useCallback(
    (patch: UrlFilterPatch<Schemas>) =>
      setSearchParams((current) => writeUrlFilters<Schemas>(current, patch), { replace: false }),
    [setSearchParams],
  );
  return { ...parsed, setFilters };
}
