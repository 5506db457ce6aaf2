import { XIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { UrlFilterPatch } from "@/features/filters";
import type { FilterOption, RunFilterOptions } from "../api/fetch-run-filter-options";
import { STATUS_LABELS } from "../lib/format";
import {
  activeFilterCount,
  CLEAR_FILTERS,
  RUN_STATUSES,
  type RunFilterKey,
  type RunFilterValues,
  type runFilterParams,
} from "../lib/run-filters";

// Radix Select items can't have an empty value; this one stands for "no filter".
const ALL = "__all__";

const STATUS_OPTIONS = RUN_STATUSES.map((status) => ({
  value: status,
  label: STATUS_LABELS[status],
}));
const MODE_OPTIONS = [
  { value: "automated", label: "Automated" },
  { value: "manual", label: "Manual" },
];

interface FilterSpec {
  key: RunFilterKey;
  label: string;
  all: string;
  options: (options: RunFilterOptions | undefined) => FilterOption[];
}

const FILTERS: FilterSpec[] = [
  {
    key: "capability",
    label: "Capability",
    all: "All capabilities",
    options: (o) => o?.capabilities ?? [],
  },
  { key: "action", label: "Action", all: "All actions", options: (o) => o?.actions ?? [] },
  { key: "intent", label: "Intent", all: "All intents", options: (o) => o?.intents ?? [] },
  { key: "model", label: "Model", all: "All models", options: (o) => o?.models ?? [] },
  {
    key: "experiment",
    label: "Experiment",
    all: "All experiments",
    options: (o) => o?.experiments ?? [],
  },
  { key: "variant", label: "Variant", all: "All variants", options: (o) => o?.variants ?? [] },
  { key: "version", label: "Version", all: "All versions", options: (o) => o?.versions ?? [] },
  { key: "status", label: "Status", all: "Any status", options: () => STATUS_OPTIONS },
  {
    key: "mode",
    label: "Manual / automated",
    all: "Manual and automated",
    options: () => MODE_OPTIONS,
  },
  { key: "account", label: "Account", all: "All accounts", options: (o) => o?.accounts ?? [] },
];

interface RunsFiltersProps {
  values: RunFilterValues;
  options: RunFilterOptions | undefined;
  onChange(patch: UrlFilterPatch<typeof runFilterParams>): void;
}

/** One select per filter; every change is a new URL, so Back undoes it. */
export function RunsFilters({ values, options, onChange }: RunsFiltersProps) {
  const active = activeFilterCount(values);
  return (
    <div role="group" aria-label="Run filters" className="flex flex-wrap items-center gap-2">
      {FILTERS.map((filter) => {
        const current = values[filter.key];
        const choices = filter.options(options);
        // A value from a link may be missing from the lists (older than the runs they were
        // built from): it is still offered, under its raw value, so the select can show it.
        const shown =
          current !== undefined && !choices.some((choice) => choice.value === current)
            ? [...choices, { value: current, label: current }]
            : choices;
        return (
          <Select
            key={filter.key}
            value={current ?? ALL}
            onValueChange={(next) => onChange({ [filter.key]: next === ALL ? null : next })}
          >
            <SelectTrigger
              size="sm"
              aria-label={filter.label}
              className={current === undefined ? "max-w-52" : "max-w-64 border-primary/60"}
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{filter.all}</SelectItem>
              {shown.map((choice) => (
                <SelectItem key={choice.value} value={choice.value}>
                  {choice.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        );
      })}
      {active > 0 && (
        <Button variant="ghost" size="sm" onClick={() => onChange(CLEAR_FILTERS)}>
          <XIcon aria-hidden="true" />
          Clear filters ({active})
        </Button>
      )}
    </div>
  );
}
