import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { TrendingUp } from "lucide-react";
import { useLocation } from "react-router-dom";

import { collectCharts, ExportMenu, type PdfReport } from "@/features/export";
import { useUrlFilters } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { Toggle } from "@/components/ui/toggle";
import { useAnalyticsScope } from "../hooks/use-analytics-scope";
import { useDimensionLabels } from "../hooks/use-dimension-labels";
import { useExportContext } from "../hooks/use-export-context";
import { useMetricBreakdown } from "../hooks/use-metric-breakdown";
import { useMetricSeries } from "../hooks/use-metric-series";
import { useMetricSummary } from "../hooks/use-metric-summary";
import { labelFor } from "../api/fetch-dimension-labels";
import {
  DEFAULT_KPIS,
  METRICS,
  metricByKey,
  type DimensionKey,
  type MetricKey,
} from "../lib/catalog";
import { chartAxes } from "../lib/chart-axes";
import {
  BREAKDOWN_LABELS,
  DEFAULT_BREAKDOWN,
  DEFAULT_CHART_METRICS,
  overviewParams,
  type BreakdownDimension,
} from "../lib/dashboard-params";
import { breakdownTable, periodTable, seriesTable, summaryTable } from "../lib/export-tables";
import { formatMetricValue, metricChange } from "../lib/format";
import { withForecast } from "../lib/forecast-points";
import { alignPeriods, pivotSeries } from "../lib/series";
import { BreakdownTable } from "./breakdown-table";
import { ChartCard } from "./chart-card";
import { DashboardFilters } from "./dashboard-filters";
import { KpiCard } from "./kpi-card";
import { MetricPicker } from "./metric-picker";

// The charts (and recharts) load after the KPI cards, which are what the page paints first.
const OverlayChart = lazy(() =>
  import("./overlay-chart").then((m) => ({ default: m.OverlayChart })),
);
const PeriodChart = lazy(() => import("./period-chart").then((m) => ({ default: m.PeriodChart })));
const BreakdownChart = lazy(() =>
  import("./breakdown-chart").then((m) => ({ default: m.BreakdownChart })),
);

// Parameters only the Overview reads; a drill-down link leaves them behind.
const OVERVIEW_ONLY = Object.keys(overviewParams);

interface OverviewDashboardProps {
  /** Extra actions for the page header's right side (saved views). */
  headerActions?: ReactNode;
}

/**
 * The Overview's analytics: KPI cards against the previous period, metrics over time (two axes),
 * this period against the last, and a breakdown by a dimension. Everything it shows is chosen in
 * the URL, so a copied link or a saved view reopens the same dashboard.
 */
export function OverviewDashboard({ headerActions }: OverviewDashboardProps) {
  const { organization } = useCurrentOrganization();
  const location = useLocation();
  const view = useAnalyticsScope();
  const { values: settings, setFilters } = useUrlFilters(overviewParams);
  const labels = useDimensionLabels(organization.id);

  const category = settings.category;
  const kpis = useMemo(
    () => DEFAULT_KPIS.filter((key) => !category || metricByKey(key).category === category),
    [category],
  );
  const chartMetrics = useMemo(() => {
    const inCategory = (keys: readonly MetricKey[]) =>
      keys.filter((key) => !category || metricByKey(key).category === category);
    const chosen = inCategory(settings.metrics ?? []);
    const metrics = chosen.length > 0 ? chosen : inCategory(DEFAULT_CHART_METRICS);
    const fallback = metrics.length > 0 ? metrics : kpis.slice(0, 2);
    // Never more units than axes, whatever a hand-edited link asks for.
    const axes = chartAxes(fallback);
    return fallback.filter((key) => axes.sideOf[key]);
  }, [settings.metrics, category, kpis]);
  const focusMetric = chartMetrics[0]!;
  const barMetric =
    settings.barMetric && (!category || metricByKey(settings.barMetric).category === category)
      ? settings.barMetric
      : focusMetric;
  const by: BreakdownDimension = settings.by ?? DEFAULT_BREAKDOWN;
  const seriesMetrics = useMemo(
    () => [...new Set([...kpis, ...chartMetrics])],
    [kpis, chartMetrics],
  );

  const summary = useMetricSummary(organization.id, kpis, view.scope);
  const series = useMetricSeries(organization.id, seriesMetrics, view.granularity, view.scope);
  const previousSeries = useMetricSeries(
    organization.id,
    [focusMetric],
    view.granularity,
    view.previousScope,
  );
  const breakdown = useMetricBreakdown(organization.id, barMetric, by as DimensionKey, view.scope);
  const exportContext = useExportContext(view, labels.data, category);

  const points = useMemo(
    () => pivotSeries(series.data ?? [], seriesMetrics),
    [series.data, seriesMetrics],
  );
  const showForecast = settings.forecast === "on";
  const overlay = useMemo(
    () =>
      showForecast
        ? withForecast(points, chartMetrics, view.granularity, view.range.to)
        : { points, forecasts: {} },
    [showForecast, points, chartMetrics, view.granularity, view.range.to],
  );
  const periodLength = view.range.to.getTime() - view.range.from.getTime();
  const periodPoints = useMemo(
    () => alignPeriods(series.data ?? [], previousSeries.data ?? [], focusMetric, periodLength),
    [series.data, previousSeries.data, focusMetric, periodLength],
  );
  const bars = useMemo(
    () =>
      [...(breakdown.data ?? [])]
        .sort((a, b) => b.n - a.n)
        .slice(0, 12)
        .map((row) => ({
          key: row.segment ?? "",
          label: labelFor(labels.data, by, row.segment),
          value: row.value,
          n: row.n,
          previous: row.compareValue,
          previousN: row.compareN,
        })),
    [breakdown.data, labels.data, by],
  );

  const summaryByMetric = new Map((summary.data ?? []).map((row) => [row.metric, row]));
  const drillTo = (metric: MetricKey) => {
    const search = new URLSearchParams(location.search);
    for (const param of OVERVIEW_ONLY) search.delete(param);
    search.set("metric", metric);
    return { pathname: `/o/${organization.slug}/overview/drill`, search: `?${search}` };
  };

  const tables = {
    summary: summaryTable(summary.data ?? []),
    series: seriesTable(points, chartMetrics),
    period: periodTable(periodPoints, focusMetric),
    breakdown: breakdownTable(
      breakdown.data ?? [],
      barMetric,
      by,
      BREAKDOWN_LABELS[by],
      labels.data,
    ),
  };
  const filenamePrefix = [organization.slug, "overview"];

  async function report(): Promise<PdfReport> {
    return {
      title: `Overview · ${organization.name}`,
      context: exportContext,
      kpis: kpis.map((key) => {
        const metric = metricByKey(key);
        const row = summaryByMetric.get(key);
        const change = metricChange(row?.value, row?.previousValue, metric.unit, metric.direction);
        return {
          label: metric.label,
          value: formatMetricValue(row?.value, metric.unit),
          change: change.label,
          tone: change.tone,
        };
      }),
      charts: await collectCharts(),
      tables: [tables.breakdown],
    };
  }

  const focus = metricByKey(focusMetric);
  const bar = metricByKey(barMetric);
  const axes = chartAxes(chartMetrics);

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <DashboardFilters
          organizationId={organization.id}
          scope={view.scope}
          labels={labels.data}
          category={{ value: category, onChange: (value) => setFilters({ category: value }) }}
        />
        <div className="flex items-center gap-2">
          {headerActions}
          <ExportMenu
            label="Export this view"
            showText
            filenameParts={filenamePrefix}
            context={exportContext}
            table={tables.summary}
            report={report}
          />
        </div>
      </div>

      <section aria-label="At a glance" className="grid gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Key metrics</h2>
          <p className="text-sm text-muted-foreground">
            {view.range.label}, compared with the period before. Select a card to drill down.
          </p>
        </div>
        {summary.isError ? (
          <QueryErrorAlert
            title="Couldn't load the key metrics"
            error={summary.error}
            onRetry={() => void summary.refetch()}
          />
        ) : (
          <div className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-3">
            {kpis.map((key) => {
              const row = summaryByMetric.get(key);
              return (
                <KpiCard
                  key={key}
                  metric={metricByKey(key)}
                  value={row?.value}
                  previousValue={row?.previousValue}
                  n={row?.n}
                  trend={points.map((point) => point[key] ?? null)}
                  to={drillTo(key)}
                  isPending={summary.isPending}
                />
              );
            })}
          </div>
        )}
      </section>

      <ChartCard
        title="Metrics over time"
        description={`${chartMetrics.map((key) => metricByKey(key).label).join(", ")} per ${view.granularity}`}
        reportLegend={chartMetrics
          .map((key) => {
            const forecast = overlay.forecasts[key];
            const line = `${metricByKey(key).label} (${axes.sideOf[key]} axis)`;
            return forecast ? `${line}, dashed: ${forecast.label}` : line;
          })
          .join(", ")}
        isPending={series.isPending}
        error={series.error}
        onRetry={() => void series.refetch()}
        isEmpty={points.length === 0}
        actions={
          <>
            <Toggle
              variant="outline"
              size="sm"
              pressed={showForecast}
              onPressedChange={(on) => setFilters({ forecast: on ? "on" : undefined })}
              aria-label="Show forecast"
              title="Holt-Winters forecast with weekly seasonality (daily) or daily seasonality (hourly); Holt's linear trend when there is too little history"
            >
              <TrendingUp aria-hidden="true" />
              Forecast
            </Toggle>
            <MetricPicker
              selected={chartMetrics}
              category={category}
              onChange={(metrics) => setFilters({ metrics })}
            />
            <ExportMenu
              label="Export metrics over time"
              filenameParts={[...filenamePrefix, "metrics over time"]}
              context={exportContext}
              table={tables.series}
            />
          </>
        }
      >
        <Suspense fallback={<Skeleton className="h-full w-full" />}>
          <OverlayChart
            points={overlay.points}
            metrics={chartMetrics}
            granularity={view.granularity}
            forecasts={overlay.forecasts}
          />
        </Suspense>
      </ChartCard>

      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard
          title={`${focus.label}: this period vs the previous`}
          description="The previous period is the dashed line, shifted onto this one."
          reportLegend="This period (solid), previous period (dashed)"
          isPending={series.isPending || previousSeries.isPending}
          error={series.error ?? previousSeries.error}
          onRetry={() => void Promise.all([series.refetch(), previousSeries.refetch()])}
          isEmpty={periodPoints.length === 0}
          actions={
            <ExportMenu
              label={`Export ${focus.label.toLowerCase()} period over period`}
              filenameParts={[...filenamePrefix, focus.label, "period over period"]}
              context={exportContext}
              table={tables.period}
            />
          }
        >
          <Suspense fallback={<Skeleton className="h-full w-full" />}>
            <PeriodChart points={periodPoints} metric={focus} granularity={view.granularity} />
          </Suspense>
        </ChartCard>

        <ChartCard
          title={`${bar.label} by ${BREAKDOWN_LABELS[by].toLowerCase()}`}
          description="The twelve busiest segments, beside the previous period."
          reportLegend="This period, previous period (lighter)"
          isPending={breakdown.isPending}
          error={breakdown.error}
          onRetry={() => void breakdown.refetch()}
          isEmpty={bars.length === 0}
          toolbar={
            <>
              <Select
                value={by}
                onValueChange={(value) => setFilters({ by: value as BreakdownDimension })}
              >
                <SelectTrigger size="sm" aria-label="Break down by" className="w-36">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {Object.entries(BREAKDOWN_LABELS).map(([key, label]) => (
                    <SelectItem key={key} value={key}>
                      {label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <Select
                value={barMetric}
                onValueChange={(value) => setFilters({ barMetric: value as MetricKey })}
              >
                <SelectTrigger size="sm" aria-label="Bar chart metric" className="w-40">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {METRICS.filter((metric) => !category || metric.category === category).map(
                    (metric) => (
                      <SelectItem key={metric.key} value={metric.key}>
                        {metric.label}
                      </SelectItem>
                    ),
                  )}
                </SelectContent>
              </Select>
            </>
          }
          actions={
            <>
              <ExportMenu
                label={`Export ${bar.label.toLowerCase()} by ${BREAKDOWN_LABELS[by].toLowerCase()}`}
                filenameParts={[...filenamePrefix, tables.breakdown.title]}
                context={exportContext}
                table={tables.breakdown}
              />
            </>
          }
        >
          <Suspense fallback={<Skeleton className="h-full w-full" />}>
            <BreakdownChart bars={bars} metric={bar} />
          </Suspense>
        </ChartCard>
      </div>

      <BreakdownTable
        title={tables.breakdown.title}
        table={tables.breakdown}
        isPending={breakdown.isPending}
        error={breakdown.error}
        onRetry={() => void breakdown.refetch()}
        exportMenu={
          <ExportMenu
            label={`Export the ${tables.breakdown.title.toLowerCase()} table`}
            filenameParts={[...filenamePrefix, tables.breakdown.title]}
            context={exportContext}
            table={tables.breakdown}
          />
        }
      />
    </div>
  );
}
