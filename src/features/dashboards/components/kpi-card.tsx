import { Link, type To } from "react-router-dom";
import { ArrowDownRight, ArrowRight, ArrowUpRight, Minus } from "lucide-react";

import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import type { MetricDefinition } from "../lib/catalog";
import { formatMetricValue, metricChange } from "../lib/format";
import { Sparkline } from "./sparkline";

interface KpiCardProps {
  metric: MetricDefinition;
  value: number | null | undefined;
  previousValue: number | null | undefined;
  n: number | undefined;
  trend: (number | null)[];
  /** The drill-down for this metric. */
  to: To;
  isPending: boolean;
}

const TONE_CLASSES = {
  good: "text-success",
  bad: "text-destructive",
  neutral: "text-muted-foreground",
} as const;

const COUNT = new Intl.NumberFormat("en-US");

/** A metric's value over the range, its change from the previous period, and its trend. */
export function KpiCard({ metric, value, previousValue, n, trend, to, isPending }: KpiCardProps) {
  const change = metricChange(value, previousValue, metric.unit, metric.direction);
  const ChangeIcon =
    change.absolute === null || change.tone === "neutral"
      ? Minus
      : change.absolute > 0
        ? ArrowUpRight
        : ArrowDownRight;
  const better = metric.direction === "increase" ? "higher is better" : "lower is better";
  return (
    <Link
      to={to}
      className="group grid gap-2 rounded-xl border bg-card/60 p-4 shadow-sm transition-colors outline-none hover:border-primary/60 hover:bg-card focus-visible:ring-2 focus-visible:ring-ring"
      title={`${metric.description} Open the drill-down.`}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="truncate text-sm font-medium text-muted-foreground">{metric.label}</h3>
        <ArrowRight
          className="size-3.5 shrink-0 text-muted-foreground opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
          aria-hidden="true"
        />
      </div>
      {isPending ? (
        <>
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-8 w-full" />
        </>
      ) : (
        <>
          <p className="text-2xl font-semibold tracking-tight tabular-nums">
            {formatMetricValue(value, metric.unit, { compact: true })}
          </p>
          <p
            className={cn("flex items-center gap-1 text-xs font-medium", TONE_CLASSES[change.tone])}
          >
            <ChangeIcon className="size-3.5" aria-hidden="true" />
            <span>
              {change.label}
              <span className="sr-only">
                {" "}
                (
                {change.tone === "neutral"
                  ? "no clear change"
                  : change.tone === "good"
                    ? "better"
                    : "worse"}
                , {better})
              </span>
            </span>
            <span className="font-normal text-muted-foreground">vs previous period</span>
          </p>
          <Sparkline values={trend} className={TONE_CLASSES[change.tone]} />
          <p className="text-xs text-muted-foreground tabular-nums">
            {n === undefined
              ? ""
              : `Based on ${COUNT.format(n)} ${metric.source === "runs" ? "runs" : metric.source === "feedback" ? "ratings" : "outcomes"}`}
          </p>
        </>
      )}
    </Link>
  );
}
