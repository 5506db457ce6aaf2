import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";

import type { Metric } from "@shared/analytics/catalog.ts";
import type { WaterfallStep } from "@shared/analytics/decomposition.ts";
import { formatMetricValue } from "@/features/dashboards";
import { formatDelta } from "../lib/explain";

interface WaterfallBar extends WaterfallStep {
  /** Invisible part under the bar, so each step floats where the previous one ended. */
  base: number;
  size: number;
}

interface WaterfallChartProps {
  steps: WaterfallStep[];
  metric: Metric;
}

const TOTAL_COLOR = "var(--chart-1, #3b82f6)";
const GOOD_COLOR = "var(--success, #16a34a)";
const BAD_COLOR = "var(--destructive, #dc2626)";

/** Previous period → each segment's contribution → this period. */
export function WaterfallChart({ steps, metric }: WaterfallChartProps) {
  const bars: WaterfallBar[] = steps.map((step) => ({
    ...step,
    base: Math.min(step.start, step.end),
    size: Math.abs(step.end - step.start),
  }));
  const colorOf = (bar: WaterfallBar) => {
    if (bar.kind === "baseline" || bar.kind === "current") return TOTAL_COLOR;
    const up = bar.kind === "increase";
    return up === (metric.direction === "increase") ? GOOD_COLOR : BAD_COLOR;
  };
  const format = (value: number) => formatMetricValue(value, metric.unit, { compact: true });
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="label"
          stroke="var(--muted-foreground)"
          fontSize={11}
          interval={0}
          tickMargin={6}
          tickFormatter={(label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label)}
        />
        <YAxis tickFormatter={format} stroke="var(--muted-foreground)" fontSize={11} width={64} />
        <ReferenceLine y={0} stroke="var(--border)" />
        <Tooltip
          cursor={{ fill: "var(--muted)", opacity: 0.4 }}
          content={(props: TooltipContentProps) => {
            const bar = props.payload?.[0]?.payload as WaterfallBar | undefined;
            if (!props.active || !bar) return null;
            const isTotal = bar.kind === "baseline" || bar.kind === "current";
            return (
              <div className="rounded-md border bg-popover px-3 py-2 text-xs shadow-md">
                <p className="font-medium">{bar.label}</p>
                <p className="tabular-nums text-muted-foreground">
                  {isTotal
                    ? formatMetricValue(bar.end, metric.unit)
                    : `${formatDelta(bar.end - bar.start, metric.unit, formatMetricValue)} (${formatMetricValue(bar.start, metric.unit)} → ${formatMetricValue(bar.end, metric.unit)})`}
                </p>
              </div>
            );
          }}
        />
        <Bar dataKey="base" stackId="waterfall" fill="transparent" isAnimationActive={false} />
        <Bar dataKey="size" stackId="waterfall" isAnimationActive={false} radius={[3, 3, 0, 0]}>
          {bars.map((bar) => (
            <Cell key={bar.label} fill={colorOf(bar)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
