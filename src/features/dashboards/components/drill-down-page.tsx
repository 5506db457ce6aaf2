import { useMemo, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { format } from "date-fns";
import { ChevronRight, ExternalLink, Inbox } from "lucide-react";

import { DataTable, type DataTableColumn, type DataTableSort } from "@/components/data-table";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ExportMenu, type ExportTable, type PdfReport } from "@/features/export";
import { useUrlFilters } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { SavedViewsMenu } from "@/features/saved-views";
import { cn } from "@/lib/utils";
import { DRILL_RUN_LIMIT, type DrillRun } from "../api/fetch-drill-runs";
import { labelFor } from "../api/fetch-dimension-labels";
import { useAnalyticsScope } from "../hooks/use-analytics-scope";
import { useDimensionLabels } from "../hooks/use-dimension-labels";
import { useDrillRuns } from "../hooks/use-drill-runs";
import { useExportContext } from "../hooks/use-export-context";
import { useMetricBreakdown } from "../hooks/use-metric-breakdown";
import { useMetricSummary } from "../hooks/use-metric-summary";
import { METRICS, metricByKey, type MetricKey } from "../lib/catalog";
import { drillParams } from "../lib/dashboard-params";
import {
  DRILL_STEPS,
  drillLevel,
  overviewSearch,
  runsSearch,
  searchAtLevel,
  searchWithStep,
} from "../lib/drill";
import { breakdownTable } from "../lib/export-tables";
import { formatMetricValue, metricChange } from "../lib/format";
import { DashboardFilters } from "./dashboard-filters";

const COUNT = new Intl.NumberFormat("en-US");
const DEFAULT_METRIC = "conversion" as MetricKey;

/** `sort=n:desc` in the URL, so a shared link shows the table in the same order. */
function parseSort(value: string | null): DataTableSort | undefined {
  const match = value ? /^([a-zA-Z]+):(asc|desc)$/.exec(value) : null;
  return match ? { key: match[1]!, direction: match[2] as "asc" | "desc" } : undefined;
}

type SegmentRow = ExportTable["rows"][number];

/**
 * From a KPI down to the runs behind it: by experiment, then variant, then intent, then the
 * individual runs. Every step is a URL (/overview/drill?metric=…&experiment=…&variant=…), so
 * Back, breadcrumbs, shared links and saved views all land on the same table.
 */
export function DrillDownPage() {
  const { organization } = useCurrentOrganization();
  const [search, setSearch] = useSearchParams();
  const { values, setFilters } = useUrlFilters(drillParams);
  const metricKey = values.metric ?? DEFAULT_METRIC;
  const metric = metricByKey(metricKey);
  const view = useAnalyticsScope();
  const labels = useDimensionLabels(organization.id);
  const exportContext = useExportContext(view, labels.data);
  const level = drillLevel(search);
  const step = DRILL_STEPS[level];
  const base = `/o/${organization.slug}`;

  const summary = useMetricSummary(organization.id, [metricKey], view.scope);
  const breakdown = useMetricBreakdown(
    organization.id,
    metricKey,
    step?.dimension ?? "intent",
    view.scope,
    {
      enabled: step !== undefined,
    },
  );
  const runs = useDrillRuns(organization.id, view.scope, { enabled: step === undefined });

  const sort = parseSort(search.get("sort"));
  const filter = search.get("q") ?? "";
  const updateSearch = (change: (next: URLSearchParams) => void, replace = false) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { replace },
    );
  const tableState = {
    sort,
    filter,
    onSortChange: (next: DataTableSort) =>
      updateSearch((params) => params.set("sort", `${next.key}:${next.direction}`)),
    // Typing replaces the entry: Back should not step through every keystroke.
    onFilterChange: (next: string) =>
      updateSearch((params) => (next ? params.set("q", next) : params.delete("q")), true),
  };
  // A new level starts with its own order and no filter text.
  const stepSearch = (target: URLSearchParams) => {
    target.delete("sort");
    target.delete("q");
    return `?${target}`;
  };

  const crumbs: { label: string; to?: string }[] = [
    { label: "Overview", to: `${base}/overview?${overviewSearch(search)}` },
    {
      label: metric.label,
      to: level > 0 ? `${base}/overview/drill${stepSearch(searchAtLevel(search, 0))}` : undefined,
    },
    ...DRILL_STEPS.slice(0, level).map((done, index) => ({
      label: `${done.label}: ${labelFor(labels.data, done.dimension, search.get(done.param))}`,
      to:
        index < level - 1
          ? `${base}/overview/drill${stepSearch(searchAtLevel(search, index + 1))}`
          : undefined,
    })),
  ];

  const table = useMemo(
    () =>
      step
        ? breakdownTable(breakdown.data ?? [], metricKey, step.dimension, step.label, labels.data)
        : runsTable(runs.data ?? []),
    [step, breakdown.data, metricKey, labels.data, runs.data],
  );

  const segmentColumns: DataTableColumn<SegmentRow>[] = step
    ? [
        {
          key: "segment",
          header: step.label,
          value: (row) => (row.segment as string) ?? null,
          cell: (row) =>
            row.segmentKey === null ? (
              <span
                className="text-muted-foreground"
                title={`Runs outside any ${step.label.toLowerCase()}`}
              >
                None
              </span>
            ) : (
              <Link
                to={`${base}/overview/drill${stepSearch(searchWithStep(search, level, String(row.segmentKey)))}`}
                className="font-medium text-primary hover:underline"
              >
                {String(row.segment)}
              </Link>
            ),
        },
        ...numericColumns(metricKey),
      ]
    : [];

  const runsExplorer = `${base}/runs?${runsSearch(search)}`;
  const runColumns: DataTableColumn<SegmentRow>[] = [
    {
      key: "occurredAt",
      header: "Time",
      value: (row) => String(row.occurredAt),
      cell: (row) => (
        <Link
          to={`${base}/runs?${runsSearch(search, String(row.id))}`}
          className="font-medium text-primary tabular-nums hover:underline"
          aria-label={`Run at ${format(new Date(String(row.occurredAt)), "MMM d, yyyy HH:mm:ss")}`}
        >
          {format(new Date(String(row.occurredAt)), "MMM d, HH:mm:ss")}
        </Link>
      ),
    },
    { key: "model", header: "Model", value: (row) => (row.model as string | null) ?? null },
    {
      key: "intent",
      header: "Intent",
      value: (row) => labelFor(labels.data, "intent", (row.intent as string | null) ?? null),
    },
    { key: "status", header: "Status", value: (row) => String(row.status) },
    {
      key: "latencyMs",
      header: "Latency",
      align: "right",
      value: (row) => (row.latencyMs as number | null) ?? null,
      cell: (row) => formatMetricValue(row.latencyMs as number | null, "ms"),
    },
    {
      key: "costUsd",
      header: "Cost",
      align: "right",
      value: (row) => (row.costUsd as number | null) ?? null,
      cell: (row) => formatMetricValue(row.costUsd as number | null, "usd"),
    },
    { key: "account", header: "Account", value: (row) => (row.account as string | null) ?? null },
  ];

  const row = summary.data?.[0];
  const change = metricChange(row?.value, row?.previousValue, metric.unit, metric.direction);
  const heading = step
    ? `${metric.label} by ${step.label.toLowerCase()}`
    : `${metric.label}: the runs`;
  const active = step ? breakdown : runs;

  async function report(): Promise<PdfReport> {
    return {
      title: `${heading} · ${organization.name}`,
      context: exportContext,
      kpis: [
        {
          label: metric.label,
          value: formatMetricValue(row?.value, metric.unit),
          change: change.label,
          tone: change.tone,
        },
      ],
      charts: [],
      tables: [table],
    };
  }

  return (
    <div className="grid gap-6">
      <title>{`${heading} · ${organization.name} · Causeway`}</title>
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
          {crumbs.map((crumb, index) => (
            <li key={crumb.label} className="flex items-center gap-1">
              {index > 0 ? <ChevronRight className="size-3.5" aria-hidden="true" /> : null}
              {crumb.to ? (
                <Link to={crumb.to} className="hover:text-foreground hover:underline">
                  {crumb.label}
                </Link>
              ) : (
                <span aria-current="page" className="font-medium text-foreground">
                  {crumb.label}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">{heading}</h1>
          <div className="text-sm text-muted-foreground">
            {summary.isPending ? (
              <Skeleton className="inline-block h-4 w-56 align-middle" />
            ) : (
              <>
                <span className="font-medium text-foreground tabular-nums">
                  {formatMetricValue(row?.value, metric.unit)}
                </span>{" "}
                over {view.range.label.toLowerCase()},{" "}
                <span
                  className={cn(
                    change.tone === "good" && "text-success",
                    change.tone === "bad" && "text-destructive",
                  )}
                >
                  {change.label}
                </span>{" "}
                vs the previous period · {COUNT.format(row?.n ?? 0)} in the sample
              </>
            )}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Select
            value={metricKey}
            onValueChange={(value) => setFilters({ metric: value as MetricKey })}
          >
            <SelectTrigger size="sm" aria-label="Metric" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {METRICS.map((candidate) => (
                <SelectItem key={candidate.key} value={candidate.key}>
                  {candidate.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <SavedViewsMenu />
          <ExportMenu
            label="Export this view"
            showText
            filenameParts={[organization.slug, heading]}
            context={exportContext}
            table={table}
            report={report}
          />
        </div>
      </header>

      <DashboardFilters organizationId={organization.id} scope={view.scope} labels={labels.data} />

      <Card className="gap-4 py-5" role="region" aria-label={table.title}>
        <CardHeader className="px-5">
          <CardTitle>
            <h2>{step ? `By ${step.label.toLowerCase()}` : "Runs"}</h2>
          </CardTitle>
          <p className="text-sm text-muted-foreground">
            {step
              ? `Select ${step.singular} to see its ${DRILL_STEPS[level + 1]?.plural ?? "runs"}.`
              : `The ${DRILL_RUN_LIMIT} most recent runs that match; open one for its details.`}
          </p>
          {step ? null : (
            <CardAction>
              <Link
                to={runsExplorer}
                className="inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline"
              >
                Open in Runs explorer
                <ExternalLink className="size-3.5" aria-hidden="true" />
              </Link>
            </CardAction>
          )}
        </CardHeader>
        <CardContent className="px-5">
          {active.isPending ? (
            <Skeleton className="h-48 w-full" aria-label="Loading the table" />
          ) : active.isError ? (
            <QueryErrorAlert
              title={step ? "Couldn't load the breakdown" : "Couldn't load the runs"}
              error={active.error}
              onRetry={() => void active.refetch()}
            />
          ) : (
            <DataTable
              label={table.title}
              columns={step ? segmentColumns : runColumns}
              rows={table.rows}
              rowKey={(item) => String(step ? (item.segmentKey ?? "none") : item.id)}
              defaultSort={
                step ? { key: "n", direction: "desc" } : { key: "occurredAt", direction: "desc" }
              }
              filterLabel={step ? `Filter ${step.plural}` : "Filter runs"}
              {...tableState}
              empty={<DrillEmpty what={step ? step.plural : "runs"} />}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function DrillEmpty({ what }: { what: string }): ReactNode {
  return (
    <EmptyState
      icon={Inbox}
      title={`No ${what} in this range`}
      description="Widen the time range or clear a filter; new runs appear within a minute of being sent."
    />
  );
}

function numericColumns(metricKey: MetricKey): DataTableColumn<SegmentRow>[] {
  const metric = metricByKey(metricKey);
  const number = (row: SegmentRow, key: string) =>
    typeof row[key] === "number" ? (row[key] as number) : null;
  return [
    {
      key: "n",
      header: "n",
      align: "right",
      value: (row) => number(row, "n"),
      cell: (row) => COUNT.format(number(row, "n") ?? 0),
    },
    {
      key: "value",
      header: metric.label,
      align: "right",
      value: (row) => number(row, "value"),
      cell: (row) => formatMetricValue(number(row, "value"), metric.unit),
    },
    {
      key: "compareValue",
      header: "Previous period",
      align: "right",
      value: (row) => number(row, "compareValue"),
      cell: (row) => formatMetricValue(number(row, "compareValue"), metric.unit),
    },
    {
      key: "change",
      header: "Change",
      align: "right",
      value: (row) => number(row, "change"),
      cell: (row) => {
        const value = number(row, "value");
        const previous = number(row, "compareValue");
        const change = metricChange(value, previous, metric.unit, metric.direction);
        return (
          <span
            className={cn(
              change.tone === "good" && "text-success",
              change.tone === "bad" && "text-destructive",
            )}
          >
            {change.label}
          </span>
        );
      },
    },
  ];
}

function runsTable(runs: readonly DrillRun[]): ExportTable {
  return {
    title: "Runs",
    columns: [
      { key: "id", label: "Run id" },
      { key: "occurredAt", label: "Occurred at (UTC)" },
      { key: "model", label: "Model" },
      { key: "intent", label: "Intent" },
      { key: "status", label: "Status" },
      { key: "latencyMs", label: "Latency (ms)" },
      { key: "costUsd", label: "Cost (USD)" },
      { key: "tokens", label: "Tokens" },
      { key: "account", label: "Account" },
    ],
    rows: runs.map((run) => ({ ...run })),
  };
}
