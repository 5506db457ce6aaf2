import { useQuery } from "@tanstack/react-query";
import { fetchCupedStats } from "../api/fetch-cuped-stats";
import { resultsKeys } from "../api/results-keys";

/**
 * The unit-level statistics CUPED needs. They are read from raw runs, so only while CUPED is on,
 * and not on the results' one-minute refresh: five minutes is fresh enough for a pre-period.
 */
const STALE_MS = 5 * 60_000;

export function useCupedStats(organizationId: string, experimentId: string, enabled: boolean) {
  return useQuery({
    queryKey: resultsKeys.cuped(organizationId, experimentId),
    queryFn: () => fetchCupedStats(experimentId),
    enabled,
    staleTime: STALE_MS,
  });
}
