/** Query keys for what the onboarding wizard reads beyond the taxonomy and templates. */
export const onboardingKeys = {
  all: ["onboarding"] as const,
  experimentCount: (organizationId: string) =>
    [...onboardingKeys.all, organizationId, "experiment-count"] as const,
};
