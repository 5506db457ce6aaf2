import { ArrowRightIcon, Trash2Icon } from "lucide-react";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { HubspotMapping } from "../api/hubspot-mappings";
import { useDealPipelines } from "../hooks/use-deal-pipelines";
import { useDeleteHubspotMapping } from "../hooks/use-delete-hubspot-mapping";
import { useHubspotMappings } from "../hooks/use-hubspot-mappings";
import { useHubspotProperties } from "../hooks/use-hubspot-properties";
import { describeMappingLink, describeMappingSource } from "../lib/describe-mapping";
import { AddHubspotMappingDialog } from "./add-hubspot-mapping-dialog";

interface HubspotMappingsCardProps {
  organizationId: string;
  connected: boolean;
  canManage: boolean;
}

/** HubSpot's labels for stage ids and property names, when it can be asked (managers, connected). */
function useLabels(organizationId: string, enabled: boolean) {
  const pipelines = useDealPipelines(organizationId, enabled);
  const deals = useHubspotProperties(organizationId, "deals", enabled);
  const contacts = useHubspotProperties(organizationId, "contacts", enabled);
  const byName = (list: { name: string; label: string }[] | undefined) =>
    new Map((list ?? []).map((p) => [p.name, p.label]));
  return {
    stages: new Map(
      (pipelines.data ?? []).flatMap((p) => p.stages.map((s) => [s.id, s.label] as const)),
    ),
    properties: { deals: byName(deals.data), contacts: byName(contacts.data) },
  };
}

function RemoveMapping({
  organizationId,
  mapping,
  description,
}: {
  organizationId: string;
  mapping: HubspotMapping;
  description: string;
}) {
  const removal = useDeleteHubspotMapping(organizationId);
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="ghost" size="icon" aria-label={`Remove mapping ${description}`}>
          <Trash2Icon />
        </Button>
      }
      title="Remove this mapping?"
      description="Syncs stop recording it. Outcomes it already recorded stay."
      confirmLabel="Remove"
      pendingLabel="Removing"
      destructive
      onConfirm={() => removal.mutateAsync(mapping.id)}
    />
  );
}

export function HubspotMappingsCard({
  organizationId,
  connected,
  canManage,
}: HubspotMappingsCardProps) {
  const mappings = useHubspotMappings(organizationId);
  const labels = useLabels(organizationId, connected && canManage);

  let content;
  if (mappings.isPending) {
    content = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the mappings">
        <Skeleton className="h-4 w-72" />
        <Skeleton className="h-4 w-60" />
      </div>
    );
  } else if (mappings.isError) {
    content = (
      <QueryErrorAlert
        title="The mappings couldn't be loaded"
        error={mappings.error}
        onRetry={() => mappings.refetch()}
        isRetrying={mappings.isFetching}
      />
    );
  } else if (mappings.data.length === 0) {
    content = (
      <p className="text-sm text-muted-foreground">
        Nothing is mapped yet, so syncs record no outcomes.{" "}
        {canManage
          ? connected
            ? "Add a mapping, for example closed-won deals → conversion and their amount → order value."
            : "Connect HubSpot first; its stages and properties are read from your portal."
          : "An engineer or admin can add mappings."}
      </p>
    );
  } else {
    content = (
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>In HubSpot</TableHead>
            <TableHead>
              <span className="sr-only">becomes</span>
            </TableHead>
            <TableHead>Metric</TableHead>
            <TableHead className="hidden md:table-cell">Linked to</TableHead>
            {canManage && (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {mappings.data.map((mapping) => {
            const source = describeMappingSource(mapping, labels);
            return (
              <TableRow key={mapping.id}>
                <TableCell>{source}</TableCell>
                <TableCell className="w-8 text-muted-foreground">
                  <ArrowRightIcon className="size-4" aria-hidden />
                </TableCell>
                <TableCell className="font-mono text-xs">{mapping.metricKey}</TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">
                  {describeMappingLink(mapping, labels)}
                </TableCell>
                {canManage && (
                  <TableCell className="text-right">
                    <RemoveMapping
                      organizationId={organizationId}
                      mapping={mapping}
                      description={`${source} → ${mapping.metricKey}`}
                    />
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Mappings</CardTitle>
        <CardDescription>
          Which deal stages and properties become which outcome metrics. Each record counts once per
          mapping.
        </CardDescription>
        {canManage && connected && (
          <CardAction>
            <AddHubspotMappingDialog organizationId={organizationId} />
          </CardAction>
        )}
      </CardHeader>
      <CardContent>{content}</CardContent>
    </Card>
  );
}
