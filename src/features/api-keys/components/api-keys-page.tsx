import { format, formatDistanceToNow } from "date-fns";
import { KeyRoundIcon } from "lucide-react";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
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
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import { cn } from "@/lib/utils";
import type { ApiKey } from "../api/fetch-api-keys";
import { useApiKeys } from "../hooks/use-api-keys";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";

const SKELETON_ROWS = 3;
// Columns that give way below 1024 px, so Status and Revoke stay in view on a tablet.
const WIDE_ONLY = "hidden lg:table-cell";
const COLUMNS = [
  { label: "Name" },
  { label: "Key" },
  { label: "Scopes" },
  { label: "Created by", className: WIDE_ONLY },
  { label: "Created", className: WIDE_ONLY },
  { label: "Last used" },
  { label: "Status" },
];

function ApiKeysHead() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        {COLUMNS.map((column) => (
          <TableHead key={column.label} className={column.className}>
            {column.label}
          </TableHead>
        ))}
        <TableHead>
          <span className="sr-only">Actions</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

function ApiKeysSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading API keys">
      <ApiKeysHead />
      <TableBody>
        {Array.from({ length: SKELETON_ROWS }, (_, index) => (
          <TableRow key={index} className="hover:bg-transparent">
            {[...COLUMNS, { label: "Actions" }].map((column) => (
              <TableCell key={column.label} className={column.className}>
                <Skeleton className="h-4 w-20" />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Timestamp({ value }: { value: string }) {
  const date = parseTimestamp(value);
  return (
    <time dateTime={date.toISOString()} title={format(date, "d MMM yyyy, HH:mm")}>
      {formatDistanceToNow(date, { addSuffix: true })}
    </time>
  );
}

function ApiKeyRow({ organizationId, apiKey }: { organizationId: string; apiKey: ApiKey }) {
  const revoked = apiKey.revokedAt !== null;
  return (
    <TableRow className={cn(revoked && "text-muted-foreground")}>
      <TableCell className="max-w-56 truncate font-medium">{apiKey.name}</TableCell>
      <TableCell>
        <code className="font-mono text-xs" aria-label={`Key starting ${apiKey.prefix}`}>
          {apiKey.prefix}…
        </code>
      </TableCell>
      <TableCell>
        <div className="flex gap-1">
          {apiKey.scopes.map((scope) => (
            <Badge key={scope} variant="outline" className="font-mono">
              {scope}
            </Badge>
          ))}
        </div>
      </TableCell>
      <TableCell className={cn("max-w-40 truncate", WIDE_ONLY)}>
        {apiKey.createdByName ?? <span className="text-muted-foreground">Former member</span>}
      </TableCell>
      <TableCell className={WIDE_ONLY}>
        <Timestamp value={apiKey.createdAt} />
      </TableCell>
      <TableCell>
        {apiKey.lastUsedAt ? (
          <Timestamp value={apiKey.lastUsedAt} />
        ) : (
          <span className="text-muted-foreground">Never</span>
        )}
      </TableCell>
      <TableCell>
        {revoked ? (
          <Badge variant="destructive">Revoked</Badge>
        ) : (
          <Badge variant="success">Active</Badge>
        )}
      </TableCell>
      <TableCell className="text-right">
        {!revoked && <RevokeApiKeyDialog organizationId={organizationId} apiKey={apiKey} />}
      </TableCell>
    </TableRow>
  );
}

function ApiKeysEmptyState({ organizationName }: { organizationName: string }) {
  return (
    <EmptyState
      icon={KeyRoundIcon}
      title="No API keys yet"
      description={`API keys authenticate machines, not people: your services use them to send runs and outcomes to ${organizationName} (ingestion) and to fetch the live prompt, model and config (serving). Create one with the button above and give it only the scopes it needs.`}
      action={
        <pre className="max-w-full overflow-x-auto rounded-md border bg-muted/40 px-3 py-2 text-left text-xs">
          <code>curl -H "Authorization: Bearer $CAUSEWAY_API_KEY" ...</code>
        </pre>
      }
    />
  );
}

export function ApiKeysPage() {
  const { organization } = useCurrentOrganization();
  const apiKeys = useApiKeys(organization.id);

  let body;
  if (apiKeys.isPending) {
    body = <ApiKeysSkeleton />;
  } else if (apiKeys.isError) {
    body = (
      <QueryErrorAlert
        title="The API keys couldn't be loaded"
        error={apiKeys.error}
        onRetry={() => apiKeys.refetch()}
        isRetrying={apiKeys.isFetching}
      />
    );
  } else if (apiKeys.data.length === 0) {
    body = <ApiKeysEmptyState organizationName={organization.name} />;
  } else {
    body = (
      <div className="rounded-xl border">
        <Table>
          <ApiKeysHead />
          <TableBody>
            {apiKeys.data.map((apiKey) => (
              <ApiKeyRow key={apiKey.id} organizationId={organization.id} apiKey={apiKey} />
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <div>
      <title>{`API keys · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="API keys"
        description="Keys your services use to reach Causeway for ingestion and serving. Each key is shown once, when it is created; only its prefix is kept for you to recognise it."
        actions={
          <CreateApiKeyDialog
            organizationId={organization.id}
            organizationName={organization.name}
          />
        }
      />
      {body}
    </div>
  );
}
