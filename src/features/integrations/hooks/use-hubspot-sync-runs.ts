import { useQuery } from "@tanstack/react-query";
import { fetchHubspotSyncRuns } from "../api/fetch-hubspot-sync-runs";
import { hubspotKeys } from "../api/hubspot-keys";

/** While a sync runs, its pages and records are polled: that is the progress shown. */
export const RUNNING_POLL_MS = 1_500;

export function useHubspotSyncRuns(organizationId: string) {
  return useQuery({
    queryKey: hubspotKeys.runs(organizationId),
    queryFn: () => fetchHubspotSyncRuns(organizationId),
    refetchInterval: (query) =>
      query.state.data?.some((run) => run.status === "running") ? RUNNING_POLL_MS : false,
  });
}
