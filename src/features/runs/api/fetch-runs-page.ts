import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { RunQueryFilters, RunSort, RunStatus } from "../lib/run-filters";
import type { RunRange } from "./run-range";

export const RUNS_PAGE_SIZE = 50;

export interface VersionExperiment {
  id: string;
  name: string | null;
}

export interface RunSummary {
  id: string;
  occurredAt: string;
  capability: string | null;
  capabilityName: string | null;
  action: string | null;
  intent: string | null;
  intentName: string | null;
  experimentId: string | null;
  experimentName: string | null;
  variantId: string | null;
  variantLabel: string | null;
  versionId: string | null;
  versionNumber: number | null;
  /** The experiment of the version that served the run, also for runs served by a deployment. */
  versionExperiment: VersionExperiment | null;
  provider: string | null;
  model: string | null;
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  status: RunStatus;
  errorType: string | null;
  isManual: boolean | null;
  account: string | null;
}

/** Where the next page starts: the last row's sort value and id, and the first page's range. */
export interface RunsCursor {
  range: RunRange;
  after: { key: string; id: string };
}

export interface RunsPage {
  runs: RunSummary[];
  next: RunsCursor | null;
}

// The local API returns numeric columns as strings.
const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

/**
 * The experiment of each version, for runs that carry a version without an experiment (served by
 * a deployment): list_runs names only the run's own experiment, and "v3" alone says nothing.
 */
async function fetchVersionExperiments(
  organizationId: string,
  versionIds: string[],
): Promise<Map<string, VersionExperiment>> {
  if (versionIds.length === 0) return new Map();
  const versions = await supabase
    .from("experiment_versions")
    .select("id, experiment_id")
    .eq("organization_id", organizationId)
    .in("id", versionIds);
  if (versions.error) throw toRequestError("Couldn't load the runs' versions", versions);
  const experimentIds = [...new Set(versions.data.map((version) => version.experiment_id))];
  const experiments = await supabase
    .from("experiments")
    .select("id, name")
    .eq("organization_id", organizationId)
    .in("id", experimentIds);
  if (experiments.error) throw toRequestError("Couldn't load the runs' experiments", experiments);
  const names = new Map(experiments.data.map((experiment) => [experiment.id, experiment.name]));
  return new Map(
    versions.data.map((version) => [
      version.id,
      { id: version.experiment_id, name: names.get(version.experiment_id) ?? null },
    ]),
  );
}

/**
 * One page of the organization's runs (list_runs), keyset-paginated: each page continues after
 * the previous page's last row, so deep pages cost what the first one does.
 */
export async function fetchRunsPage(
  organizationId: string,
  range: RunRange,
  filters: RunQueryFilters,
  sort: RunSort,
  after: RunsCursor["after"] | null,
): Promise<RunsPage> {
  // One row beyond the page says whether another page exists without counting.
  const response = await supabase.rpc("list_runs", {
    p_organization_id: organizationId,
    p_from: range.from,
    ...(range.to ? { p_to: range.to } : {}),
    p_filters: filters,
    p_sort: sort,
    ...(after ? { p_after: after } : {}),
    p_limit: RUNS_PAGE_SIZE + 1,
  });
  if (response.error) throw toRequestError("Couldn't load the runs", response);
  const rows = response.data.slice(0, RUNS_PAGE_SIZE);
  const last = rows.at(-1);
  const versionExperiments = await fetchVersionExperiments(organizationId, [
    ...new Set(
      rows.flatMap((row) => (row.version_id && !row.experiment_id ? [row.version_id] : [])),
    ),
  ]);
  const versionExperiment = (row: (typeof rows)[number]): VersionExperiment | undefined => {
    if (!row.version_id) return undefined;
    if (row.experiment_id) return { id: row.experiment_id, name: row.experiment_name };
    return versionExperiments.get(row.version_id);
  };
  return {
    runs: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      capability: row.capability,
      capabilityName: row.capability_name,
      action: row.action,
      intent: row.intent,
      intentName: row.intent_name,
      experimentId: row.experiment_id,
      experimentName: row.experiment_name,
      variantId: row.variant_id,
      variantLabel: row.variant_label,
      versionId: row.version_id,
      versionNumber: numberOrNull(row.version_number),
      versionExperiment: versionExperiment(row) ?? null,
      provider: row.provider,
      model: row.model,
      latencyMs: numberOrNull(row.latency_ms),
      tokensIn: numberOrNull(row.tokens_in),
      tokensOut: numberOrNull(row.tokens_out),
      costUsd: numberOrNull(row.cost_usd),
      status: row.status as RunStatus,
      errorType: row.error_type,
      isManual: row.is_manual,
      account: row.account,
    })),
    next:
      response.data.length > RUNS_PAGE_SIZE && last
        ? { range, after: { key: last.sort_key, id: last.id } }
        : null,
  };
}
