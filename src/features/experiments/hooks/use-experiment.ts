import { useQuery } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import { fetchExperiment } from "../api/fetch-experiment";

export function useExperiment(organizationId: string, experimentId: string) {
  return useQuery({
    queryKey: experimentKeys.detail(organizationId, experimentId),
    queryFn: () => fetchExperiment(organizationId, experimentId),
  });
}
