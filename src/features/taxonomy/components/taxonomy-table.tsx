import { Pencil, Plus, Tags } from "lucide-react";

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
import { useSaveTaxonomyEntry } from "../hooks/use-save-taxonomy-entry";
import { useTaxonomyEntries } from "../hooks/use-taxonomy-entries";
import { TAXONOMY_KIND_LABELS, type TaxonomyKind } from "../lib/taxonomy-kinds";
import { ArchiveToggle } from "./archive-toggle";
import { TaxonomyEntryDialog } from "./taxonomy-entry-dialog";

interface TaxonomyTableProps {
  organizationId: string;
  kind: TaxonomyKind;
  canEdit: boolean;
}

export function TaxonomyTable({ organizationId, kind, canEdit }: TaxonomyTableProps) {
  const labels = TAXONOMY_KIND_LABELS[kind];
  const entries = useTaxonomyEntries(organizationId, kind);
  const save = useSaveTaxonomyEntry(organizationId, kind);
  const createButton = canEdit ? (
    <TaxonomyEntryDialog
      organizationId={organizationId}
      kind={kind}
      entry={null}
      trigger={
        <Button>
          <Plus aria-hidden="true" />
          New {labels.one}
        </Button>
      }
    />
  ) : null;

  let body;
  if (entries.isPending) {
    body = (
      <div
        className="grid gap-2"
        aria-busy="true"
        aria-label={`Loading ${labels.many.toLowerCase()}`}
      >
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-10 w-full" />
        ))}
      </div>
    );
  } else if (entries.isError) {
    body = (
      <QueryErrorAlert
        title={`The ${labels.many.toLowerCase()} couldn't be loaded`}
        error={entries.error}
        onRetry={() => void entries.refetch()}
        isRetrying={entries.isFetching}
      />
    );
  } else if (entries.data.length === 0) {
    body = (
      <EmptyState
        icon={Tags}
        title={`No ${labels.many.toLowerCase()} yet`}
        description={labels.help}
        action={createButton}
      />
    );
  } else {
    body = (
      <div className="rounded-xl border">
        <Table aria-label={labels.many}>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Key</TableHead>
              <TableHead>Name</TableHead>
              <TableHead className="hidden lg:table-cell">Description</TableHead>
              <TableHead>Status</TableHead>
              {canEdit ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.data.map((entry) => (
              <TableRow key={entry.id} className={cn(entry.archivedAt && "text-muted-foreground")}>
                <TableCell className="font-mono text-sm">{entry.key}</TableCell>
                <TableCell>{entry.name}</TableCell>
                <TableCell
                  className="hidden max-w-96 truncate lg:table-cell"
                  title={entry.description}
                >
                  {entry.description}
                </TableCell>
                <TableCell>
                  {entry.archivedAt ? (
                    <Badge variant="outline">Archived</Badge>
                  ) : (
                    <Badge variant="success">In use</Badge>
                  )}
                </TableCell>
                {canEdit ? (
                  <TableCell className="text-right whitespace-nowrap">
                    <TaxonomyEntryDialog
                      organizationId={organizationId}
                      kind={kind}
                      entry={entry}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Edit ${entry.key}`}>
                          <Pencil aria-hidden="true" />
                          Edit
                        </Button>
                      }
                    />
                    <ArchiveToggle
                      label={entry.key}
                      archived={entry.archivedAt !== null}
                      pending={save.isPending && save.variables?.id === entry.id}
                      onToggle={(archivedAt) =>
                        save.mutateAsync({ id: entry.id, changes: { archivedAt } })
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
        <p className="max-w-2xl text-sm text-muted-foreground">{labels.help}</p>
        {entries.data?.length ? createButton : null}
      </div>
      {body}
    </div>
  );
}
