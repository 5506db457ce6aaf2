import type { Metric } from "@shared/analytics/catalog.ts";
import type { SegmentContribution } from "@shared/analytics/decomposition.ts";
import { formatMetricValue } from "@/features/dashboards";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { formatDelta } from "../lib/explain";

const SHARE = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

interface ContributionTableProps {
  segments: SegmentContribution[];
  metric: Metric;
  dimensionLabel: string;
  segmentLabel: (segment: string) => string;
  additive: boolean;
}

/** Every segment's share, value and contribution in both periods, largest contribution first. */
export function ContributionTable({
  segments,
  metric,
  dimensionLabel,
  segmentLabel,
  additive,
}: ContributionTableProps) {
  const tone = (delta: number) =>
    delta === 0
      ? "text-muted-foreground"
      : delta > 0 === (metric.direction === "increase")
        ? "text-success"
        : "text-destructive";
  const delta = (value: number) => (
    <span className={cn("tabular-nums", tone(value))}>
      {formatDelta(value, metric.unit, formatMetricValue)}
    </span>
  );
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{dimensionLabel}</TableHead>
          <TableHead className="text-right">Share before → after</TableHead>
          <TableHead className="text-right">{metric.label} before → after</TableHead>
          {additive ? null : <TableHead className="text-right">Mix</TableHead>}
          {additive ? null : <TableHead className="text-right">Rate</TableHead>}
          <TableHead className="text-right">Contribution</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {segments.map((s) => (
          <TableRow key={s.segment}>
            <TableCell className="max-w-64 truncate font-medium">
              {segmentLabel(s.segment)}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {SHARE.format(s.baselineShare)} → {SHARE.format(s.currentShare)}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatMetricValue(s.baselineValue, metric.unit)} →{" "}
              {formatMetricValue(s.currentValue, metric.unit)}
            </TableCell>
            {additive ? null : <TableCell className="text-right">{delta(s.mix)}</TableCell>}
            {additive ? null : <TableCell className="text-right">{delta(s.rate)}</TableCell>}
            <TableCell className="text-right font-medium">{delta(s.total)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
