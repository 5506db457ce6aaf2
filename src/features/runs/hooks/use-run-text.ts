import { useQuery } from "@tanstack/react-query";

import { fetchRunText } from "../api/fetch-run-text";
import { runKeys } from "../api/run-keys";

/** A run's raw text; `allowed` false (enablement) means no request is made at all. */
export function useRunText(organizationId: string, runId: string | undefined, allowed: boolean) {
  return useQuery({
    queryKey: runKeys.text(organizationId, runId ?? ""),
    queryFn: () => fetchRunText(organizationId, runId!),
    enabled: allowed && runId !== undefined,
  });
}
