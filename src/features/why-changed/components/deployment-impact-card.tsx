import { useMemo } from "react";
import { format } from "date-fns";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { Metric } from "@shared/analytics/catalog.ts";
import { compareAroundEvent } from "@shared/analytics/before-after.ts";
import {
  ChartCard,
  formatMetricValue,
  useMetricSeries,
  type AnalyticsScope,
} from "@/features/dashboards";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { DeploymentEvent } from "../api/fetch-deployment-events";
import { formatDelta } from "../lib/explain";

const WINDOW_DAYS = 14;
const DAY = 86_400_000;

interface DeploymentImpactCardProps {
  organizationId: string;
  metric: Metric;
  deployments: DeploymentEvent[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** The dashboard filters in effect; the deployment's capability is added to them. */
  filters: AnalyticsScope["filters"];
}

function deploymentLabel(d: DeploymentEvent): string {
  const what = d.kind === "rollback" ? "Rollback" : "Deploy";
  const scope = d.experimentName ? `${d.capabilityName} · ${d.experimentName}` : d.capabilityName;
  return `${what} · ${scope} · ${format(new Date(d.deployedAt), "MMM d, yyyy HH:mm")}`;
}

/**
 * The metric for the deployment's capability, two weeks either side of a deployment or rollback,
 * with the change adjusted for day of week.
 */
export function DeploymentImpactCard({
  organizationId,
  metric,
  deployments,
  selectedId,
  onSelect,
  filters,
}: DeploymentImpactCardProps) {
  const selected = deployments.find((d) => d.id === selectedId) ?? deployments[0];
  const eventTime = selected ? Date.parse(selected.deployedAt) : null;
  const eventAt = eventTime === null ? null : new Date(eventTime);
  const capabilityKey = selected?.capabilityKey;
  // Query keys compare by value, so a new object each render is no new request.
  const eventDay = eventTime === null ? 0 : Math.floor(eventTime / DAY) * DAY;
  const scope: AnalyticsScope = {
    from: new Date(eventDay - WINDOW_DAYS * DAY).toISOString(),
    to: new Date(eventDay + (WINDOW_DAYS + 1) * DAY).toISOString(),
    filters: capabilityKey ? { ...filters, capability: [capabilityKey] } : filters,
  };
  const series = useMetricSeries(organizationId, selected ? [metric.key] : [], "day", scope);
  const points = useMemo(
    () =>
      (series.data ?? [])
        .filter((row) => row.metric === metric.key)
        .map((row) => ({ day: new Date(row.bucket), n: row.n, value: row.value })),
    [series.data, metric.key],
  );
  const comparison = eventAt ? compareAroundEvent(points, eventAt, WINDOW_DAYS) : null;
  const chartData = points.map((p) => ({ time: p.day.getTime(), value: p.value }));
  const formatValue = (value: number | null) => formatMetricValue(value, metric.unit);

  return (
    <ChartCard
      title="Before and after a deployment"
      description={`${metric.label} for the deployment's capability, ${WINDOW_DAYS} days either side, with the change adjusted for day of week (each weekday compared with itself).`}
      reportLegend={selected ? deploymentLabel(selected) : undefined}
      actions={
        deployments.length > 0 ? (
          <Select value={selected?.id} onValueChange={onSelect}>
            <SelectTrigger className="w-80 max-w-full" aria-label="Deployment">
              <SelectValue placeholder="Choose a deployment" />
            </SelectTrigger>
            <SelectContent>
              {deployments.map((d) => (
                <SelectItem key={d.id} value={d.id}>
                  {deploymentLabel(d)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : null
      }
      isPending={selected !== undefined && series.isPending}
      error={series.error}
      onRetry={() => void series.refetch()}
      isEmpty={selected === undefined || points.length === 0}
    >
      <div className="flex h-full flex-col gap-3">
        {comparison ? (
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <Figure label={`${WINDOW_DAYS} days before`} value={formatValue(comparison.before)} />
            <Figure label={`${WINDOW_DAYS} days after`} value={formatValue(comparison.after)} />
            <Figure
              label="Change, adjusted for day of week"
              value={
                comparison.adjustedChange === null
                  ? "—"
                  : formatDelta(comparison.adjustedChange, metric.unit, formatMetricValue)
              }
            />
            <Figure
              label="Change, unadjusted"
              value={
                comparison.rawChange === null
                  ? "—"
                  : formatDelta(comparison.rawChange, metric.unit, formatMetricValue)
              }
            />
          </dl>
        ) : null}
        <div className="min-h-0 flex-1">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={chartData} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={["dataMin", "dataMax"]}
                tickFormatter={(t: number) => format(new Date(t), "MMM d")}
                stroke="var(--muted-foreground)"
                fontSize={11}
              />
              <YAxis
                tickFormatter={(v: number) => formatMetricValue(v, metric.unit, { compact: true })}
                stroke="var(--muted-foreground)"
                fontSize={11}
                width={64}
              />
              <Tooltip
                labelFormatter={(t) => format(new Date(Number(t)), "EEE MMM d")}
                formatter={(v) => [formatValue(typeof v === "number" ? v : null), metric.label]}
              />
              {eventAt ? (
                <ReferenceLine
                  x={Math.floor(eventAt.getTime() / DAY) * DAY}
                  stroke="var(--foreground)"
                  strokeDasharray="4 4"
                  label={{
                    value: selected?.kind === "rollback" ? "Rollback" : "Deploy",
                    fontSize: 11,
                  }}
                />
              ) : null}
              <Line
                type="monotone"
                dataKey="value"
                stroke="var(--chart-1, #3b82f6)"
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </ChartCard>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border bg-background/40 px-3 py-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
