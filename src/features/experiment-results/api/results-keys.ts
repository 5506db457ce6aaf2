/** Query keys for experiment results: one entry per experiment, refreshed as data arrives. */
export const resultsKeys = {
  all: ["experiment-results"] as const,
  experiment: (organizationId: string, experimentId: string) =>
    [...resultsKeys.all, organizationId, experimentId] as const,
  cuped: (organizationId: string, experimentId: string) =>
    [...resultsKeys.experiment(organizationId, experimentId), "cuped"] as const,
};
