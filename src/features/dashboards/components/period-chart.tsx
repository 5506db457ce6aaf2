import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";

import type { Granularity, MetricDefinition } from "../lib/catalog";
import { formatMetricValue } from "../lib/format";
import { formatBucket, timeAxisProps, type PeriodPoint } from "../lib/series";
import { ChartTooltipContent, SERIES_COLORS } from "./chart-tooltip";

const COUNT = new Intl.NumberFormat("en-US");

interface PeriodChartProps {
  points: PeriodPoint[];
  metric: MetricDefinition;
  granularity: Granularity;
}

/** One metric in the current period, with the previous period laid over it as a dashed line. */
export function PeriodChart({ points, metric, granularity }: PeriodChartProps) {
  const color = SERIES_COLORS[0];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis {...timeAxisProps(granularity)} />
        <YAxis
          tickFormatter={(value: number) =>
            formatMetricValue(value, metric.unit, { compact: true })
          }
          stroke="var(--muted-foreground)"
          fontSize={11}
          width={64}
        />
        <Tooltip
          content={(props: TooltipContentProps) => {
            const point = props.payload?.[0]?.payload as PeriodPoint | undefined;
            if (!props.active || !point) return null;
            return (
              <ChartTooltipContent
                heading={formatBucket(point.bucket, granularity)}
                entries={[
                  {
                    key: "current",
                    label: "This period",
                    color,
                    value: formatMetricValue(point.current, metric.unit),
                    detail: `n = ${COUNT.format(point.currentN)}`,
                  },
                  {
                    key: "previous",
                    label: formatBucket(point.previousBucket, granularity),
                    color: "var(--muted-foreground)",
                    value: formatMetricValue(point.previous, metric.unit),
                    detail: `n = ${COUNT.format(point.previousN)}`,
                    dashed: true,
                  },
                ]}
              />
            );
          }}
        />
        <Legend
          verticalAlign="top"
          height={28}
          iconType="plainline"
          wrapperStyle={{ fontSize: 12 }}
        />
        <Line
          dataKey="previous"
          name="Previous period"
          type="monotone"
          stroke="var(--muted-foreground)"
          strokeWidth={1.5}
          strokeDasharray="5 4"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="current"
          name="This period"
          type="monotone"
          stroke={color}
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
