import { HistoryIcon } from "lucide-react";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import {
  Table,
  TableBody,
  TableHead,
  TableHeader,
  TableRow,
  TableCell,
} from "@/components/ui/table";
import { useCurrentOrganization } from "@/features/organizations";
import { useAuditLog } from "../hooks/use-audit-log";
import { useEntityTypeFilter } from "../hooks/use-entity-type-filter";
import { ENTITY_TYPE_LABELS } from "../lib/audit-entry";
import { AuditLogRow } from "./audit-log-row";
import { EntityTypeFilter } from "./entity-type-filter";

const SKELETON_ROWS = 8;

function AuditLogHead() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        <TableHead>When</TableHead>
        <TableHead>Actor</TableHead>
        <TableHead className="hidden lg:table-cell">Action</TableHead>
        <TableHead className="hidden lg:table-cell">Entity</TableHead>
        <TableHead>Summary</TableHead>
        <TableHead>
          <span className="sr-only">Details</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

function AuditLogSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading the audit log">
      <AuditLogHead />
      <TableBody>
        {Array.from({ length: SKELETON_ROWS }, (_, index) => (
          <TableRow key={index} className="hover:bg-transparent">
            <TableCell>
              <Skeleton className="h-4 w-36" />
              <Skeleton className="mt-1.5 h-3 w-20" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-28" />
            </TableCell>
            <TableCell className="hidden lg:table-cell">
              <Skeleton className="h-5 w-16" />
            </TableCell>
            <TableCell className="hidden lg:table-cell">
              <Skeleton className="h-4 w-20" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-72" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-8 w-28" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AuditLogPage() {
  const { organization } = useCurrentOrganization();
  const { entityType, setEntityType } = useEntityTypeFilter();
  const auditLog = useAuditLog(organization.id, entityType);
  const pages = auditLog.data?.pages ?? [];
  const rows = pages.flatMap((page) =>
    page.entries.map((entry) => ({ entry, people: page.people })),
  );

  let body;
  if (auditLog.isPending) {
    body = <AuditLogSkeleton />;
  } else if (!auditLog.data) {
    // A failed "Load more" or background refetch keeps the rows already shown (see below).
    body = (
      <QueryErrorAlert
        title="The audit log couldn't be loaded"
        error={auditLog.error}
        onRetry={() => auditLog.refetch()}
        isRetrying={auditLog.isFetching}
      />
    );
  } else if (rows.length === 0) {
    body = entityType ? (
      <EmptyState
        icon={HistoryIcon}
        title={`No ${ENTITY_TYPE_LABELS[entityType].toLowerCase()} changes recorded`}
        description="Changes appear here as soon as someone makes them."
        action={
          <Button variant="outline" onClick={() => setEntityType(null)}>
            Show all changes
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={HistoryIcon}
        title="Nothing recorded yet"
        description="When someone invites a member, changes a role or creates an API key, the change is recorded here with who made it and when."
      />
    );
  } else {
    body = (
      <div className="grid grid-cols-1 gap-4">
        <div className="rounded-xl border">
          <Table>
            <AuditLogHead />
            <TableBody>
              {rows.map(({ entry, people }) => (
                <AuditLogRow key={entry.id} entry={entry} people={people} />
              ))}
            </TableBody>
          </Table>
        </div>
        <div className="flex justify-center">
          {auditLog.hasNextPage ? (
            <Button
              variant="outline"
              onClick={() => auditLog.fetchNextPage()}
              disabled={auditLog.isFetchingNextPage}
            >
              {auditLog.isFetchingNextPage && <Spinner label="Loading older entries" />}
              Load more
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">
              That's everything: the oldest recorded change is shown last.
            </p>
          )}
        </div>
        {auditLog.isFetchNextPageError && (
          <QueryErrorAlert
            title="Older entries couldn't be loaded"
            error={auditLog.error}
            onRetry={() => auditLog.fetchNextPage()}
            isRetrying={auditLog.isFetchingNextPage}
          />
        )}
      </div>
    );
  }

  return (
    <div>
      <title>{`Audit log · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Audit log"
        description={`Every audited change in ${organization.name}, newest first: who made it, when, and the record before and after. The database writes these entries; nobody can edit them.`}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <EntityTypeFilter value={entityType} onChange={setEntityType} />
      </div>
      {body}
    </div>
  );
}
