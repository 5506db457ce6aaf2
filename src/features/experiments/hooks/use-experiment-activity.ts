import { useQuery } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { fetchExperimentActivity } from "../api/fetch-experiment-activity";

export function useExperimentActivity(experiment: ExperimentDetail) {
  return useQuery({
    // The entity ids come from the experiment: refetch when it changes (a new version, a review).
    queryKey: [
      ...experimentKeys.activity(experiment.organizationId, experiment.id),
      experiment.updatedAt,
      experiment.versions.length,
      experiment.reviews.length,
    ],
    queryFn: () => fetchExperimentActivity(experiment),
  });
}
