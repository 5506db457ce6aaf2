import type { ReactNode } from "react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { LineChart as LineChartIcon } from "lucide-react";

interface ChartCardProps {
  title: string;
  description: ReactNode;
  /** The export menu and small controls, top right. */
  actions?: ReactNode;
  /** Wider controls (selects), in a row above the chart. */
  toolbar?: ReactNode;
  /** Named in the PDF report; the legend line printed under the chart's image. */
  reportLegend?: string;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  isEmpty: boolean;
  children: ReactNode;
}

/**
 * A chart's frame: title, controls, and the loading, error and empty states. The chart itself is
 * marked for the PDF report (data-report-chart), which draws it as an image.
 */
export function ChartCard({
  title,
  description,
  actions,
  toolbar,
  reportLegend,
  isPending,
  error,
  onRetry,
  isEmpty,
  children,
}: ChartCardProps) {
  return (
    <Card className="gap-4 py-5" role="region" aria-label={title}>
      <CardHeader className="px-5">
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
        {actions ? (
          <CardAction className="flex flex-wrap items-center justify-end gap-2">
            {actions}
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-3 px-3 sm:px-5">
        {toolbar ? <div className="flex flex-wrap items-center gap-2">{toolbar}</div> : null}
        {isPending ? (
          <Skeleton className="h-72 w-full" aria-label={`Loading ${title.toLowerCase()}`} />
        ) : error ? (
          <QueryErrorAlert
            title={`Couldn't load ${title.toLowerCase()}`}
            error={error}
            onRetry={onRetry}
          />
        ) : isEmpty ? (
          <EmptyState
            icon={LineChartIcon}
            title="No data for this range"
            description="Nothing matches the range and filters yet. Widen the range, clear a filter, or send runs and outcomes with the SDK."
            className="h-72"
          />
        ) : (
          <div className="h-72 w-full" data-report-chart={title} data-report-legend={reportLegend}>
            {children}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
