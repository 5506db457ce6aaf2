import { metricByKey, type MetricKey, type MetricUnit } from "./catalog";

export type AxisSide = "left" | "right";

export interface ChartAxes {
  left: MetricUnit;
  right: MetricUnit | null;
  sideOf: Record<string, AxisSide>;
}

/**
 * The overlay chart has two Y axes: the first metric's unit on the left, the next unit met on
 * the right. Metrics sharing a unit share its axis, so a third unit has nowhere to go.
 */
export function chartAxes(metrics: readonly MetricKey[]): ChartAxes {
  const sideOf: Record<string, AxisSide> = {};
  let left: MetricUnit | null = null;
  let right: MetricUnit | null = null;
  for (const key of metrics) {
    const { unit } = metricByKey(key);
    if (left === null || unit === left) {
      left = unit;
      sideOf[key] = "left";
    } else if (right === null || unit === right) {
      right = unit;
      sideOf[key] = "right";
    }
  }
  return { left: left ?? "count", right, sideOf };
}

export const MAX_CHART_METRICS = 4;

/** Why `key` can't be added to the chart, or null when it can. */
export function cannotAddReason(key: MetricKey, selected: readonly MetricKey[]): string | null {
  if (selected.includes(key)) return null;
  if (selected.length >= MAX_CHART_METRICS)
    return `The chart shows up to ${MAX_CHART_METRICS} metrics: remove one first.`;
  const units = new Set(selected.map((selectedKey) => metricByKey(selectedKey).unit));
  if (units.size >= 2 && !units.has(metricByKey(key).unit))
    return "The chart has two axes, both in use: remove a metric in another unit first.";
  return null;
}
