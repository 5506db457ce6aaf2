import { useQuery } from "@tanstack/react-query";
import { experimentKeys, type ExperimentListFilters } from "../api/experiment-keys";
import { fetchExperiments } from "../api/fetch-experiments";

export function useExperiments(organizationId: string, filters: ExperimentListFilters) {
  return useQuery({
    queryKey: experimentKeys.list(organizationId, filters),
    queryFn: () => fetchExperiments(organizationId, filters),
  });
}
