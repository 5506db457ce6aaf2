import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";

import type { MetricDefinition } from "../lib/catalog";
import { formatMetricValue, metricChange } from "../lib/format";
import { ChartTooltipContent, SERIES_COLORS } from "./chart-tooltip";

const COUNT = new Intl.NumberFormat("en-US");

export interface BreakdownBar {
  key: string;
  label: string;
  value: number | null;
  n: number;
  previous: number | null;
  previousN: number;
}

interface BreakdownChartProps {
  bars: BreakdownBar[];
  metric: MetricDefinition;
}

/** A metric per segment of a dimension, this period beside the previous one. */
export function BreakdownChart({ bars, metric }: BreakdownChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={2}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="label"
          stroke="var(--muted-foreground)"
          fontSize={11}
          tickMargin={6}
          interval={0}
          // Slanted, so neighbouring names don't run into each other.
          angle={-25}
          textAnchor="end"
          height={56}
          tickFormatter={(label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label)}
        />
        <YAxis
          tickFormatter={(value: number) =>
            formatMetricValue(value, metric.unit, { compact: true })
          }
          stroke="var(--muted-foreground)"
          fontSize={11}
          width={64}
        />
        <Tooltip
          cursor={{ fill: "var(--muted)", opacity: 0.4 }}
          content={(props: TooltipContentProps) => {
            const bar = props.payload?.[0]?.payload as BreakdownBar | undefined;
            if (!props.active || !bar) return null;
            const change = metricChange(bar.value, bar.previous, metric.unit, metric.direction);
            return (
              <ChartTooltipContent
                heading={`${bar.label} · ${change.label} vs previous period`}
                entries={[
                  {
                    key: "value",
                    label: "This period",
                    color: SERIES_COLORS[0],
                    value: formatMetricValue(bar.value, metric.unit),
                    detail: `n = ${COUNT.format(bar.n)}`,
                  },
                  {
                    key: "previous",
                    label: "Previous period",
                    color: "var(--muted-foreground)",
                    value: formatMetricValue(bar.previous, metric.unit),
                    detail: `n = ${COUNT.format(bar.previousN)}`,
                  },
                ]}
              />
            );
          }}
        />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
        <Bar
          dataKey="previous"
          name="Previous period"
          fill="var(--muted-foreground)"
          fillOpacity={0.45}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="value"
          name="This period"
          fill={SERIES_COLORS[0]}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
