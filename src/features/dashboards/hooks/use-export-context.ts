import { useMemo } from "react";
import { useLocation } from "react-router-dom";

import type { ExportContext } from "@/features/export";
import { useCurrentOrganization } from "@/features/organizations";
import type { DimensionLabels } from "../api/fetch-dimension-labels";
import type { MetricCategory } from "../lib/catalog";
import { describeFilters } from "../lib/describe-filters";
import type { AnalyticsView } from "./use-analytics-scope";

/** What an export from this page records: organization, range, filters and the page's link. */
export function useExportContext(
  view: AnalyticsView,
  labels: DimensionLabels | undefined,
  category?: MetricCategory,
): ExportContext {
  const { organization } = useCurrentOrganization();
  const location = useLocation();
  return useMemo(
    () => ({
      organization: organization.name,
      rangeLabel: view.range.label,
      from: view.range.from,
      to: view.range.to,
      filters: describeFilters(view.filters, labels, category),
      url: `${window.location.origin}${location.pathname}${location.search}`,
    }),
    [organization.name, view, labels, category, location.pathname, location.search],
  );
}
