import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { RunRange } from "./run-range";

export interface FilterOption {
  value: string;
  label: string;
}

export interface RunFilterOptions {
  models: FilterOption[];
  accounts: FilterOption[];
  capabilities: FilterOption[];
  intents: FilterOption[];
  actions: FilterOption[];
  experiments: FilterOption[];
  variants: FilterOption[];
  versions: FilterOption[];
  /** The range has more runs than were read for the lists: rare values may be missing. */
  sampled: boolean;
  /** Whether the organization has ever sent a run, in any range. */
  hasRuns: boolean;
}

const toOptions = (value: unknown): FilterOption[] =>
  Array.isArray(value)
    ? value.map((item: { value: unknown; label: unknown }) => ({
        value: String(item.value),
        label: String(item.label),
      }))
    : [];

/** The values the explorer's filters offer, from the range's runs (run_filter_options). */
export async function fetchRunFilterOptions(
  organizationId: string,
  range: RunRange,
): Promise<RunFilterOptions> {
  const response = await supabase.rpc("run_filter_options", {
    p_organization_id: organizationId,
    p_from: range.from,
    ...(range.to ? { p_to: range.to } : {}),
  });
  if (response.error) throw toRequestError("Couldn't load the filter options", response);
  const data = (response.data ?? {}) as Record<string, unknown>;
  return {
    models: toOptions(data.models),
    accounts: toOptions(data.accounts),
    capabilities: toOptions(data.capabilities),
    intents: toOptions(data.intents),
    actions: toOptions(data.actions),
    experiments: toOptions(data.experiments),
    variants: toOptions(data.variants),
    versions: toOptions(data.versions),
    sampled: data.sampled === true,
    hasRuns: data.has_runs === true,
  };
}
