import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  Legend,
  type TooltipContentProps,
} from "recharts";

import type { Forecast } from "@shared/analytics/forecast.ts";
import { metricByKey, type Granularity, type MetricKey } from "../lib/catalog";
import { chartAxes } from "../lib/chart-axes";
import { bandKey, forecastKey } from "../lib/forecast-points";
import { formatMetricValue } from "../lib/format";
import { formatBucket, timeAxisProps, sampleKey, type SeriesPoint } from "../lib/series";
import { ChartTooltipContent, SERIES_COLORS } from "./chart-tooltip";

const COUNT = new Intl.NumberFormat("en-US");

interface OverlayChartProps {
  points: SeriesPoint[];
  metrics: readonly MetricKey[];
  granularity: Granularity;
  /** Forecasts drawn as dashed continuations with their band; points hold their values. */
  forecasts?: Partial<Record<MetricKey, Forecast>>;
}

/** Several metrics over time on one chart: the first unit on the left axis, another on the right. */
export function OverlayChart({ points, metrics, granularity, forecasts = {} }: OverlayChartProps) {
  const axes = chartAxes(metrics);
  const shown = metrics.filter((key) => axes.sideOf[key]);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis {...timeAxisProps(granularity)} />
        <YAxis
          yAxisId="left"
          tickFormatter={(value: number) => formatMetricValue(value, axes.left, { compact: true })}
          stroke="var(--muted-foreground)"
          fontSize={11}
          width={64}
        />
        {axes.right ? (
          <YAxis
            yAxisId="right"
            orientation="right"
            tickFormatter={(value: number) =>
              formatMetricValue(value, axes.right!, { compact: true })
            }
            stroke="var(--muted-foreground)"
            fontSize={11}
            width={64}
          />
        ) : null}
        <Tooltip
          content={(props: TooltipContentProps) =>
            props.active && props.label !== undefined ? (
              <ChartTooltipContent
                heading={formatBucket(Number(props.label), granularity)}
                entries={shown.map((key, index) => {
                  const point = props.payload?.[0]?.payload as SeriesPoint | undefined;
                  const metric = metricByKey(key);
                  const actual = point?.[key] ?? null;
                  const predicted = point?.[forecastKey(key)] ?? null;
                  const isForecast = actual === null && predicted !== null;
                  return {
                    key,
                    label: isForecast ? `${metric.label} (forecast)` : metric.label,
                    color: SERIES_COLORS[index % SERIES_COLORS.length]!,
                    value: formatMetricValue(isForecast ? predicted : actual, metric.unit),
                    detail: isForecast
                      ? forecasts[key]?.method === "holt"
                        ? "Holt"
                        : "Holt-Winters"
                      : `n = ${COUNT.format(point?.[sampleKey(key)] ?? 0)}`,
                  };
                })}
              />
            ) : null
          }
        />
        <Legend
          verticalAlign="top"
          height={28}
          iconType="plainline"
          wrapperStyle={{ fontSize: 12 }}
        />
        {shown.map((key, index) => {
          const forecast = forecasts[key];
          if (!forecast) return null;
          const color = SERIES_COLORS[index % SERIES_COLORS.length];
          const side = axes.sideOf[key]!;
          return [
            <Area
              key={`${key}-band`}
              yAxisId={side}
              dataKey={bandKey(key)}
              stroke="none"
              fill={color}
              fillOpacity={0.12}
              legendType="none"
              isAnimationActive={false}
              tooltipType="none"
            />,
            <Line
              key={`${key}-forecast`}
              yAxisId={side}
              dataKey={forecastKey(key)}
              name={`${metricByKey(key).label}: ${forecast.label}`}
              type="monotone"
              stroke={color}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />,
          ];
        })}
        {shown.map((key, index) => {
          const metric = metricByKey(key);
          const side = axes.sideOf[key]!;
          return (
            <Line
              key={key}
              yAxisId={side}
              dataKey={key}
              name={`${metric.label} (${side} axis)`}
              type="monotone"
              stroke={SERIES_COLORS[index % SERIES_COLORS.length]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
