import { useMemo } from "react";

import { DIMENSIONS, metric as metricOf } from "@shared/analytics/catalog.ts";
import { decomposeChange, waterfallSteps } from "@shared/analytics/decomposition.ts";
import {
  ChartCard,
  DashboardFilters,
  formatMetricValue,
  labelFor,
  useAnalyticsScope,
  useDimensionLabels,
  useExportContext,
  useMetricBreakdown,
} from "@/features/dashboards";
import { ExportMenu, type ExportTable } from "@/features/export";
import { useUrlFilters } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useDeploymentEvents } from "../hooks/use-deployment-events";
import { explainChange } from "../lib/explain";
import { decompositionKind, EXPLAINABLE_METRICS, whyChangedParams } from "../lib/why-params";
import { ContributionTable } from "./contribution-table";
import { DeploymentImpactCard } from "./deployment-impact-card";
import { WaterfallChart } from "./waterfall-chart";

// Runs without a value for the dimension (outside any experiment, say) form one segment.
const NONE = "";

export function WhyChangedPage() {
  const { organization } = useCurrentOrganization();
  const view = useAnalyticsScope();
  const { values, setFilters } = useUrlFilters(whyChangedParams);
  const metricKey = values.metric;
  const metric = metricOf(metricKey);
  const dimension = DIMENSIONS.find((d) => d.key === values.by)!;
  const labels = useDimensionLabels(organization.id);
  const breakdown = useMetricBreakdown(organization.id, metric.key, dimension.key, view.scope);
  const deployments = useDeploymentEvents(organization.id);
  const exportContext = useExportContext(view, labels.data);
  const additive = decompositionKind(metric) === "additive";

  const segmentLabel = (segment: string) =>
    labelFor(labels.data, dimension.key, segment === NONE ? null : segment);
  const decomposition = useMemo(
    () =>
      decomposeChange(
        (breakdown.data ?? []).map((row) => ({
          segment: row.segment ?? NONE,
          baselineN: row.compareN,
          baselineValue: row.compareValue,
          currentN: row.n,
          currentValue: row.value,
        })),
        decompositionKind(metricOf(metricKey)),
      ),
    [breakdown.data, metricKey],
  );
  const explanation = explainChange(
    decomposition,
    metric,
    segmentLabel,
    formatMetricValue,
    dimension.label,
  );
  const steps = waterfallSteps(decomposition, { label: segmentLabel });
  const table: ExportTable = {
    title: `${metric.label} change by ${dimension.label.toLowerCase()}`,
    columns: [
      { key: "segment", label: dimension.label },
      { key: "baseline_share", label: "Share, previous period" },
      { key: "current_share", label: "Share, this period" },
      { key: "baseline_value", label: `${metric.label}, previous period` },
      { key: "current_value", label: `${metric.label}, this period` },
      { key: "mix", label: "Mix effect" },
      { key: "rate", label: "Rate effect" },
      { key: "total", label: "Contribution" },
    ],
    rows: decomposition.segments.map((s) => ({
      segment: segmentLabel(s.segment),
      baseline_share: s.baselineShare,
      current_share: s.currentShare,
      baseline_value: s.baselineValue,
      current_value: s.currentValue,
      mix: s.mix,
      rate: s.rate,
      total: s.total,
    })),
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Why did it change?"
        description="Splits a metric's change since the previous period across one dimension: traffic moving between segments (mix) and segments performing differently (rate)."
        actions={
          <ExportMenu
            label={`Export ${table.title.toLowerCase()}`}
            showText
            filenameParts={[organization.slug, table.title]}
            context={exportContext}
            table={table}
          />
        }
      />

      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor="why-metric">Metric</Label>
          <Select
            value={metric.key}
            onValueChange={(key) => setFilters({ metric: key as typeof values.metric })}
          >
            <SelectTrigger id="why-metric" className="w-56">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPLAINABLE_METRICS.map((m) => (
                <SelectItem key={m.key} value={m.key}>
                  {m.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="why-dimension">Break down by</Label>
          <Select
            value={dimension.key}
            onValueChange={(key) => setFilters({ by: key as typeof values.by })}
          >
            <SelectTrigger id="why-dimension" className="w-56">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {DIMENSIONS.map((d) => (
                <SelectItem key={d.key} value={d.key}>
                  {d.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      <DashboardFilters organizationId={organization.id} scope={view.scope} labels={labels.data} />

      <Card role="region" aria-label="What changed">
        <CardHeader>
          <CardTitle>
            <h2>What changed</h2>
          </CardTitle>
          <CardDescription>
            {view.range.label} compared with the{" "}
            {view.range.label.toLowerCase().replace(/^last /, "previous ")}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {breakdown.isPending ? (
            <div className="grid gap-2">
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-4 w-1/2" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          ) : explanation ? (
            <div className="grid gap-2 text-sm">
              <p className="text-base font-medium">{explanation.headline}</p>
              {explanation.mix ? <p>{explanation.mix}</p> : null}
              {explanation.rate ? <p>{explanation.rate}</p> : null}
              {explanation.drivers.length > 0 ? (
                <ul className="mt-1 grid list-disc gap-1 pl-5">
                  {explanation.drivers.map((driver) => (
                    <li key={driver}>{driver}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">
              There is no {metric.label.toLowerCase()} data in both periods for these filters, so
              there is no change to explain. Widen the range or clear a filter.
            </p>
          )}
        </CardContent>
      </Card>

      <ChartCard
        title={`${metric.label}: previous period to this period`}
        description={`Each bar is one ${dimension.label.toLowerCase()}'s contribution to the change; green helps, red hurts.`}
        isPending={breakdown.isPending}
        error={breakdown.error}
        onRetry={() => void breakdown.refetch()}
        isEmpty={steps.length === 0}
      >
        <WaterfallChart steps={steps} metric={metric} />
      </ChartCard>

      {decomposition.segments.length > 0 && !breakdown.isPending ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Segments</h2>
            </CardTitle>
            <CardDescription>
              {additive
                ? "Each segment's own change adds up to the total."
                : "Mix: the effect of the segment's share of traffic changing. Rate: the effect of the segment's own value changing. Both add up to the total change."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ContributionTable
              segments={decomposition.segments}
              metric={metric}
              dimensionLabel={dimension.label}
              segmentLabel={segmentLabel}
              additive={additive}
            />
          </CardContent>
        </Card>
      ) : null}

      {deployments.isPending ? (
        <Skeleton className="h-96 w-full" aria-label="Loading deployments" />
      ) : deployments.data && deployments.data.length > 0 ? (
        <DeploymentImpactCard
          organizationId={organization.id}
          metric={metric}
          deployments={deployments.data}
          selectedId={values.deployment}
          onSelect={(id) => setFilters({ deployment: id })}
          filters={view.scope.filters}
        />
      ) : null}
    </div>
  );
}
