import { Fragment } from "react";
import { ChevronDown } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { CATEGORY_LABELS, METRICS, type MetricCategory, type MetricKey } from "../lib/catalog";
import { cannotAddReason, MAX_CHART_METRICS } from "../lib/chart-axes";
import { UNIT_NAMES } from "../lib/format";

interface MetricPickerProps {
  selected: readonly MetricKey[];
  onChange: (metrics: MetricKey[]) => void;
  /** The metric type filter: only this category is offered. */
  category?: MetricCategory;
}

const CATEGORIES: MetricCategory[] = ["outcome", "llm"];

/** Chooses the chart's metrics from the catalog, grouped by metric type. */
export function MetricPicker({ selected, onChange, category }: MetricPickerProps) {
  const categories = category ? [category] : CATEGORIES;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          aria-label={`Chart metrics: ${selected.length} selected`}
        >
          Metrics ({selected.length})
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        {categories.map((group, index) => (
          <Fragment key={group}>
            {index > 0 ? <DropdownMenuSeparator /> : null}
            <DropdownMenuLabel>{CATEGORY_LABELS[group]}</DropdownMenuLabel>
            {METRICS.filter((metric) => metric.category === group).map((metric) => {
              const checked = selected.includes(metric.key);
              const reason = cannotAddReason(metric.key, selected);
              const onlyOne = checked && selected.length === 1;
              return (
                <DropdownMenuCheckboxItem
                  key={metric.key}
                  checked={checked}
                  disabled={reason !== null || onlyOne}
                  title={
                    reason ??
                    (onlyOne ? "The chart needs at least one metric." : metric.description)
                  }
                  // Stays open so several metrics can be picked in a row.
                  onSelect={(event) => event.preventDefault()}
                  onCheckedChange={(next) =>
                    onChange(
                      next
                        ? [...selected, metric.key]
                        : selected.filter((key) => key !== metric.key),
                    )
                  }
                >
                  {metric.label}
                  <span className="ml-auto text-xs text-muted-foreground">
                    {UNIT_NAMES[metric.unit]}
                  </span>
                </DropdownMenuCheckboxItem>
              );
            })}
          </Fragment>
        ))}
        <DropdownMenuSeparator />
        <p className="px-2 py-1.5 text-xs text-muted-foreground">
          Up to {MAX_CHART_METRICS} metrics in at most two units, one per axis.
        </p>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
