import { useQuery } from "@tanstack/react-query";

import { fetchRunDetail } from "../api/fetch-run-detail";
import { runKeys } from "../api/run-keys";

export function useRunDetail(organizationId: string, runId: string | undefined) {
  return useQuery({
    queryKey: runKeys.detail(organizationId, runId ?? ""),
    queryFn: () => fetchRunDetail(organizationId, runId!),
    enabled: runId !== undefined,
  });
}
