import type { CellValue, ExportTable } from "@/features/export";
import { labelFor, type DimensionLabels } from "../api/fetch-dimension-labels";
import type { BreakdownRow, MetricSummaryRow } from "../api/metric-rpcs";
import { metricByKey, type MetricKey, type MetricUnit } from "./catalog";
import { metricChange, formatMetricValue } from "./format";
import { sampleKey, type PeriodPoint, type SeriesPoint } from "./series";

const iso = (value: number) => new Date(value).toISOString();
const COUNT = new Intl.NumberFormat("en-US");
const asMetric = (unit: MetricUnit) => (value: CellValue) =>
  formatMetricValue(typeof value === "number" ? value : null, unit);
const asCount = (value: CellValue) => (typeof value === "number" ? COUNT.format(value) : "");

/** The overlay chart's data: one row per bucket, each metric's value and sample size. */
export function seriesTable(
  points: readonly SeriesPoint[],
  metrics: readonly MetricKey[],
): ExportTable {
  return {
    title: `${metrics.map((key) => metricByKey(key).label).join(", ")} over time`,
    columns: [
      { key: "bucket", label: "Bucket start (UTC)" },
      ...metrics.flatMap((key) => {
        const metric = metricByKey(key);
        return [
          { key, label: metric.label, format: asMetric(metric.unit) },
          { key: sampleKey(key), label: `${metric.label} n`, format: asCount },
        ];
      }),
    ],
    rows: points.map((point) => ({ ...point, bucket: iso(point.bucket) })),
  };
}

/** The period-over-period chart's data: each bucket beside the bucket one period earlier. */
export function periodTable(points: readonly PeriodPoint[], metricKey: MetricKey): ExportTable {
  const metric = metricByKey(metricKey);
  return {
    title: `${metric.label}: this period vs the previous period`,
    columns: [
      { key: "bucket", label: "Bucket start (UTC)" },
      { key: "current", label: `${metric.label} this period`, format: asMetric(metric.unit) },
      { key: "currentN", label: "n this period", format: asCount },
      { key: "previousBucket", label: "Previous bucket start (UTC)" },
      { key: "previous", label: `${metric.label} previous period`, format: asMetric(metric.unit) },
      { key: "previousN", label: "n previous period", format: asCount },
    ],
    rows: points.map((point) => ({
      ...point,
      bucket: iso(point.bucket),
      previousBucket: iso(point.previousBucket),
    })),
  };
}

/** A metric per segment of a dimension, this period and the previous one, with the change. */
export function breakdownTable(
  rows: readonly BreakdownRow[],
  metricKey: MetricKey,
  dimension: string,
  dimensionLabel: string,
  labels: DimensionLabels | undefined,
): ExportTable {
  const metric = metricByKey(metricKey);
  // Rates change in percentage points, everything else relative to the previous value.
  const inPoints = metric.unit === "percent";
  return {
    title: `${metric.label} by ${dimensionLabel.toLowerCase()}`,
    columns: [
      { key: "segment", label: dimensionLabel },
      { key: "segmentKey", label: `${dimensionLabel} key` },
      { key: "n", label: "n", format: asCount },
      { key: "value", label: metric.label, format: asMetric(metric.unit) },
      { key: "compareN", label: "n previous period", format: asCount },
      {
        key: "compareValue",
        label: `${metric.label} previous period`,
        format: asMetric(metric.unit),
      },
      {
        key: "change",
        label: inPoints ? "Change (points)" : "Change (relative)",
        format: (value) =>
          typeof value !== "number"
            ? ""
            : `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value * 100).toFixed(1)}${inPoints ? " pp" : "%"}`,
      },
    ],
    rows: rows.map((row) => {
      const change = metricChange(row.value, row.compareValue, metric.unit, metric.direction);
      return {
        segment: labelFor(labels, dimension, row.segment),
        segmentKey: row.segment,
        n: row.n,
        value: row.value,
        compareN: row.compareN,
        compareValue: row.compareValue,
        change: inPoints ? change.absolute : change.relative,
      };
    }),
  };
}

/** The KPI cards as a table: value, previous value and sample sizes. */
export function summaryTable(rows: readonly MetricSummaryRow[]): ExportTable {
  return {
    title: "Key metrics",
    columns: [
      { key: "metric", label: "Metric" },
      { key: "key", label: "Metric key" },
      { key: "value", label: "Value" },
      { key: "n", label: "n", format: asCount },
      { key: "previousValue", label: "Previous period" },
      { key: "previousN", label: "n previous period", format: asCount },
    ],
    rows: rows.map((row) => ({
      metric: metricByKey(row.metric).label,
      key: row.metric,
      value: row.value,
      n: row.n,
      previousValue: row.previousValue,
      previousN: row.previousN,
    })),
  };
}
