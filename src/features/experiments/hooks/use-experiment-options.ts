import { useQuery } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import { fetchExperimentOptions } from "../api/fetch-experiment-options";

/** Capabilities, intents, actions, metrics and templates: the names experiments refer to. */
export function useExperimentOptions(organizationId: string) {
  return useQuery({
    queryKey: experimentKeys.options(organizationId),
    queryFn: () => fetchExperimentOptions(organizationId),
    staleTime: 60_000,
  });
}
