import { Gauge, Pencil, Plus } from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { MetricDefinition } from "../api/fetch-metric-definitions";
import { useMetricDefinitions } from "../hooks/use-metric-definitions";
import { useSaveMetricDefinition } from "../hooks/use-save-metric-definition";
import { DIRECTION_LABELS } from "../lib/taxonomy-schemas";
import { ArchiveToggle } from "./archive-toggle";
import { MetricDialog } from "./metric-dialog";

const HELP =
  "Outcome metrics say what an experiment must improve. Your backend sends outcomes with the metric's key; Causeway attributes them to the variant each user saw.";

function aggregationText(metric: MetricDefinition) {
  return metric.aggregation === "percentile" ? `p${metric.percentile}` : metric.aggregation;
}

export function MetricsTable({
  organizationId,
  canEdit,
}: {
  organizationId: string;
  canEdit: boolean;
}) {
  const metrics = useMetricDefinitions(organizationId);
  const save = useSaveMetricDefinition(organizationId);
  const createButton = canEdit ? (
    <MetricDialog
      organizationId={organizationId}
      metric={null}
      trigger={
        <Button>
          <Plus aria-hidden="true" />
          New metric
        </Button>
      }
    />
  ) : null;

  let body;
  if (metrics.isPending) {
    body = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading metrics">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-10 w-full" />
        ))}
      </div>
    );
  } else if (metrics.isError) {
    body = (
      <QueryErrorAlert
        title="The metrics couldn't be loaded"
        error={metrics.error}
        onRetry={() => void metrics.refetch()}
        isRetrying={metrics.isFetching}
      />
    );
  } else if (metrics.data.length === 0) {
    body = (
      <EmptyState
        icon={Gauge}
        title="No outcome metrics yet"
        description={HELP}
        action={createButton}
      />
    );
  } else {
    body = (
      <div className="rounded-xl border">
        <Table aria-label="Metrics">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Key</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Unit</TableHead>
              <TableHead>Aggregation</TableHead>
              <TableHead>Direction</TableHead>
              <TableHead>Status</TableHead>
              {canEdit ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {metrics.data.map((metric) => (
              <TableRow
                key={metric.id}
                className={cn(metric.archivedAt && "text-muted-foreground")}
              >
                <TableCell className="font-mono text-sm">{metric.key}</TableCell>
                <TableCell title={metric.description}>{metric.name}</TableCell>
                <TableCell>{metric.unit || "—"}</TableCell>
                <TableCell>{aggregationText(metric)}</TableCell>
                <TableCell>{DIRECTION_LABELS[metric.direction]}</TableCell>
                <TableCell>
                  {metric.archivedAt ? (
                    <Badge variant="outline">Archived</Badge>
                  ) : (
                    <Badge variant="success">In use</Badge>
                  )}
                </TableCell>
                {canEdit ? (
                  <TableCell className="text-right whitespace-nowrap">
                    <MetricDialog
                      organizationId={organizationId}
                      metric={metric}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Edit ${metric.key}`}>
                          <Pencil aria-hidden="true" />
                          Edit
                        </Button>
                      }
                    />
                    <ArchiveToggle
                      label={metric.key}
                      archived={metric.archivedAt !== null}
                      pending={save.isPending && save.variables?.id === metric.id}
                      onToggle={(archivedAt) =>
                        save.mutateAsync({ id: metric.id, changes: { archivedAt } })
                      }
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <p className="max-w-2xl text-sm text-muted-foreground">{HELP}</p>
        {metrics.data?.length ? createButton : null}
      </div>
      {body}
    </div>
  );
}
