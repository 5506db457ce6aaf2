import { useCallback } from "react";
import { z } from "zod";

import { useUrlFilters } from "@/features/filters";

const selectedRunParams = { run: z.uuid() };

/** The run open in the detail drawer (?run=<id>), so a run can be linked to. */
export function useSelectedRun() {
  const { values, setFilters } = useUrlFilters(selectedRunParams);
  const open = useCallback((runId: string) => setFilters({ run: runId }), [setFilters]);
  const close = useCallback(() => setFilters({ run: null }), [setFilters]);
  return { runId: values.run, open, close };
}
