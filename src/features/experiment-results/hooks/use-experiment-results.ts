import { useQuery } from "@tanstack/react-query";
import { fetchExperimentResults } from "../api/fetch-experiment-results";
import { resultsKeys } from "../api/results-keys";

/** Rollups refresh every minute, so the results do too while the page is open. */
const REFRESH_MS = 60_000;

export function useExperimentResults(organizationId: string, experimentId: string) {
  return useQuery({
    queryKey: resultsKeys.experiment(organizationId, experimentId),
    queryFn: () => fetchExperimentResults(organizationId, experimentId),
    refetchInterval: REFRESH_MS,
  });
}
