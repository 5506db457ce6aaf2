import { X } from "lucide-react";

import { useUrlFilters } from "@/features/filters";
import { Button } from "@/components/ui/button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { AnalyticsScope } from "../api/dashboard-keys";
import type { DimensionLabels } from "../api/fetch-dimension-labels";
import { CATEGORY_LABELS, type MetricCategory } from "../lib/catalog";
import {
  dimensionFilterParams,
  FILTER_DIMENSIONS,
  FILTER_LABELS,
  FILTER_PARAMS,
  type DimensionFilterParam,
} from "../lib/dashboard-params";
import { DimensionFilter } from "./dimension-filter";

// Variant and status are set by drilling down or by a link; they show only when set, to clear.
const ALWAYS_SHOWN = new Set<DimensionFilterParam>([
  "model",
  "experiment",
  "version",
  "intent",
  "capability",
  "action",
  "account",
]);

interface DashboardFiltersProps {
  organizationId: string;
  scope: AnalyticsScope;
  labels: DimensionLabels | undefined;
  /** The metric type filter, where the page has one (the Overview). */
  category?: {
    value: MetricCategory | undefined;
    onChange: (value: MetricCategory | undefined) => void;
  };
}

/** The dashboard's filters, all kept in the URL: metric type and one filter per dimension. */
export function DashboardFilters({
  organizationId,
  scope,
  labels,
  category,
}: DashboardFiltersProps) {
  const { values, setFilters } = useUrlFilters(dimensionFilterParams);
  const anySet = FILTER_PARAMS.some((param) => (values[param]?.length ?? 0) > 0);
  return (
    <div role="group" aria-label="Dashboard filters" className="flex flex-wrap items-center gap-2">
      {category ? (
        <Select
          value={category.value ?? "all"}
          onValueChange={(value) =>
            category.onChange(value === "all" ? undefined : (value as MetricCategory))
          }
        >
          <SelectTrigger size="sm" aria-label="Metric type" className="w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All metric types</SelectItem>
            <SelectItem value="outcome">{CATEGORY_LABELS.outcome}</SelectItem>
            <SelectItem value="llm">{CATEGORY_LABELS.llm}</SelectItem>
          </SelectContent>
        </Select>
      ) : null}
      {FILTER_PARAMS.filter(
        (param) => ALWAYS_SHOWN.has(param) || (values[param]?.length ?? 0) > 0,
      ).map((param) => (
        <DimensionFilter
          key={param}
          organizationId={organizationId}
          label={FILTER_LABELS[param]}
          dimension={FILTER_DIMENSIONS[param]}
          selected={values[param] ?? []}
          onChange={(next) => setFilters({ [param]: next.length > 0 ? next : undefined })}
          scope={scope}
          labels={labels}
        />
      ))}
      {anySet ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() =>
            setFilters(Object.fromEntries(FILTER_PARAMS.map((param) => [param, undefined])))
          }
        >
          <X aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
