import type { RunQueryFilters, RunSort } from "../lib/run-filters";

/**
 * The time range in a query key: a preset by name, so "Last 7 days" keeps its cache (and the
 * pages loaded so far) as the minute rolls on; a custom range by its days.
 */
export type RunRangeKey = { preset: string } | { from: string; to: string };

export const runKeys = {
  all: ["runs"] as const,
  organization: (organizationId: string) => [...runKeys.all, organizationId] as const,
  list: (organizationId: string, range: RunRangeKey, filters: RunQueryFilters, sort: RunSort) =>
    [...runKeys.organization(organizationId), "list", range, filters, sort] as const,
  options: (organizationId: string, range: RunRangeKey) =>
    [...runKeys.organization(organizationId), "options", range] as const,
  detail: (organizationId: string, runId: string) =>
    [...runKeys.organization(organizationId), "detail", runId] as const,
  text: (organizationId: string, runId: string) =>
    [...runKeys.detail(organizationId, runId), "text"] as const,
};
