import type { ExperimentStatus } from "../lib/experiment-status";

export interface ExperimentListFilters {
  status?: ExperimentStatus;
  capabilityId?: string;
}

/**
 * Query keys for experiments. Every write invalidates `organization(id)`: the list, the open
 * experiment and its comments all describe the same lifecycle and must not disagree.
 */
export const experimentKeys = {
  all: ["experiments"] as const,
  organization: (organizationId: string) => [...experimentKeys.all, organizationId] as const,
  list: (organizationId: string, filters: ExperimentListFilters) =>
    [...experimentKeys.organization(organizationId), "list", filters] as const,
  options: (organizationId: string) =>
    [...experimentKeys.organization(organizationId), "options"] as const,
  detail: (organizationId: string, experimentId: string) =>
    [...experimentKeys.organization(organizationId), "detail", experimentId] as const,
  comments: (organizationId: string, experimentId: string) =>
    [...experimentKeys.detail(organizationId, experimentId), "comments"] as const,
  activity: (organizationId: string, experimentId: string) =>
    [...experimentKeys.detail(organizationId, experimentId), "activity"] as const,
  diff: (organizationId: string, fromVersionId: string, toVersionId: string) =>
    [...experimentKeys.organization(organizationId), "diff", fromVersionId, toVersionId] as const,
};
