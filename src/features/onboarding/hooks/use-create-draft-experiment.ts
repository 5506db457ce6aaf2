import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createDraftExperiment, type CreateDraftInput } from "../api/create-draft-experiment";
import { onboardingKeys } from "../api/onboarding-keys";

export function useCreateDraftExperiment(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<CreateDraftInput, "organizationId">) =>
      createDraftExperiment({ organizationId, ...input }),
    // Taxonomy, metrics and experiments all changed: refresh whatever shows them.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["taxonomy", organizationId] }),
        queryClient.invalidateQueries({ queryKey: onboardingKeys.experimentCount(organizationId) }),
        queryClient.invalidateQueries({ queryKey: ["experiments"] }),
      ]),
  });
}
