export { OverviewDashboard } from "./components/overview-dashboard";
export { DrillDownPage } from "./components/drill-down-page";
// Building blocks for other analytics pages ("Why did it change?").
export { ChartCard } from "./components/chart-card";
export { DashboardFilters } from "./components/dashboard-filters";
export { useAnalyticsScope, type AnalyticsView } from "./hooks/use-analytics-scope";
export { useDimensionLabels } from "./hooks/use-dimension-labels";
export { useExportContext } from "./hooks/use-export-context";
export { useMetricBreakdown } from "./hooks/use-metric-breakdown";
export { useMetricSeries } from "./hooks/use-metric-series";
export { labelFor } from "./api/fetch-dimension-labels";
export type { AnalyticsScope } from "./api/dashboard-keys";
export { formatMetricValue, metricChange } from "./lib/format";
