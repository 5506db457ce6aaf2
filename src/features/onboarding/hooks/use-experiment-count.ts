import { useQuery } from "@tanstack/react-query";
import { countExperiments } from "../api/count-experiments";
import { onboardingKeys } from "../api/onboarding-keys";

export function useExperimentCount(organizationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: onboardingKeys.experimentCount(organizationId),
    queryFn: () => countExperiments(organizationId),
    enabled,
  });
}
