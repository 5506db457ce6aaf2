import { useId, useMemo, useState } from "react";
import { ChevronDown } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/request-error";
import { cn } from "@/lib/utils";
import type { AnalyticsScope } from "../api/dashboard-keys";
import { labelFor, type DimensionLabels } from "../api/fetch-dimension-labels";
import { useMetricBreakdown } from "../hooks/use-metric-breakdown";
import type { DimensionKey, MetricKey } from "../lib/catalog";

const COUNT = new Intl.NumberFormat("en-US");

interface DimensionFilterProps {
  organizationId: string;
  label: string;
  dimension: DimensionKey;
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** The range and the other filters: the options are the values with runs in them. */
  scope: AnalyticsScope;
  labels: DimensionLabels | undefined;
}

const RUNS = "runs" as MetricKey;

/**
 * One dimension filter: a popover listing the dimension's values seen in the range (busiest
 * first, with their run counts), searchable, several may be ticked.
 */
export function DimensionFilter({
  organizationId,
  label,
  dimension,
  selected,
  onChange,
  scope,
  labels,
}: DimensionFilterProps) {
  const idPrefix = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  // The options must not be narrowed by this filter's own selection.
  const optionScope = useMemo(() => {
    const filters = { ...scope.filters };
    delete filters[dimension];
    return { ...scope, filters };
  }, [scope, dimension]);
  const options = useMetricBreakdown(organizationId, RUNS, dimension, optionScope, {
    enabled: open,
  });

  const values = useMemo(() => {
    const seen = (options.data ?? [])
      .filter((row): row is typeof row & { segment: string } => row.segment !== null)
      .sort((a, b) => b.n - a.n)
      .map((row) => ({ value: row.segment, n: row.n as number | null }));
    // A value chosen in the link stays listed even when the range holds none of it.
    for (const value of selected) {
      if (!seen.some((option) => option.value === value)) seen.push({ value, n: null });
    }
    const needle = search.trim().toLowerCase();
    return seen
      .map((option) => ({ ...option, label: labelFor(labels, dimension, option.value) }))
      .filter(
        (option) =>
          !needle ||
          option.label.toLowerCase().includes(needle) ||
          option.value.toLowerCase().includes(needle),
      );
  }, [options.data, selected, search, labels, dimension]);

  const active = selected.length > 0;
  const summary = !active
    ? label
    : selected.length === 1
      ? `${label}: ${labelFor(labels, dimension, selected[0]!)}`
      : `${label}: ${selected.length}`;

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          aria-label={
            active
              ? `${label} filter: ${selected.length} selected`
              : `Filter by ${label.toLowerCase()}`
          }
          className={cn("max-w-56", active && "border-primary/70 bg-primary/10")}
        >
          <span className="truncate">{summary}</span>
          <ChevronDown aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="start" className="w-72 p-3" aria-label={`${label} filter`}>
        <div className="grid gap-2">
          <Input
            type="search"
            aria-label={`Search ${label.toLowerCase()} values`}
            placeholder={`Search ${label.toLowerCase()}…`}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="h-8"
          />
          {options.isPending ? (
            <div className="grid gap-1.5" aria-label={`Loading ${label.toLowerCase()} values`}>
              <Skeleton className="h-6 w-full" />
              <Skeleton className="h-6 w-full" />
              <Skeleton className="h-6 w-2/3" />
            </div>
          ) : options.isError ? (
            <p role="alert" className="text-sm text-destructive">
              {errorMessage(options.error)}
            </p>
          ) : values.length === 0 ? (
            <p className="py-2 text-sm text-muted-foreground">
              {search
                ? `No ${label.toLowerCase()} matches “${search.trim()}”.`
                : `No runs with a ${label.toLowerCase()} in this range.`}
            </p>
          ) : (
            <ul className="grid max-h-64 gap-0.5 overflow-y-auto">
              {values.map((option, index) => {
                // Values may hold spaces and punctuation; ids must not.
                const id = `${idPrefix}-${index}`;
                const checked = selected.includes(option.value);
                return (
                  <li key={option.value}>
                    <label
                      htmlFor={id}
                      className="flex cursor-pointer items-center gap-2 rounded-sm px-1.5 py-1 text-sm hover:bg-accent"
                    >
                      <Checkbox
                        id={id}
                        checked={checked}
                        onCheckedChange={(next) =>
                          onChange(
                            next === true
                              ? [...selected, option.value]
                              : selected.filter((value) => value !== option.value),
                          )
                        }
                      />
                      <span className="min-w-0 flex-1 truncate" title={option.value}>
                        {option.label}
                      </span>
                      {option.n !== null ? (
                        <span className="text-xs text-muted-foreground tabular-nums">
                          {COUNT.format(option.n)}
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {active ? (
            <Button
              variant="ghost"
              size="sm"
              className="justify-self-start"
              onClick={() => onChange([])}
            >
              Clear {label.toLowerCase()}
            </Button>
          ) : null}
        </div>
      </PopoverContent>
    </Popover>
  );
}
