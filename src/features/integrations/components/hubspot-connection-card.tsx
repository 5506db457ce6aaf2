import type { UseQueryResult } from "@tanstack/react-query";
import { format, formatDistanceToNow } from "date-fns";
import { AlertCircleIcon, PlugZapIcon, RefreshCwIcon } from "lucide-react";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { parseTimestamp } from "@/lib/timestamps";
import type { HubspotConnection } from "../api/fetch-hubspot-connection";
import type { HubspotSyncRun } from "../api/fetch-hubspot-sync-runs";
import { useDisconnectHubspot } from "../hooks/use-disconnect-hubspot";
import { useSyncHubspot } from "../hooks/use-sync-hubspot";
import { summarizeSync } from "../lib/sync-status";
import { ConnectHubspotDialog } from "./connect-hubspot-dialog";

const CONNECTION_STATUS = {
  connected: { label: "Connected", badge: "success" },
  error: { label: "Last sync failed", badge: "warning" },
  invalid_token: { label: "Token rejected", badge: "destructive" },
} as const;

function When({ value }: { value: string }) {
  const date = parseTimestamp(value);
  return (
    <time dateTime={date.toISOString()} title={format(date, "d MMM yyyy, HH:mm")}>
      {formatDistanceToNow(date, { addSuffix: true })}
    </time>
  );
}

interface HubspotConnectionCardProps {
  organizationId: string;
  connection: UseQueryResult<HubspotConnection | null>;
  /** The sync in progress, if any (from the history), for its progress. */
  running: HubspotSyncRun | undefined;
  canManage: boolean;
}

function SyncControls({
  organizationId,
  running,
}: {
  organizationId: string;
  running: HubspotSyncRun | undefined;
}) {
  const sync = useSyncHubspot(organizationId);
  const busy = sync.isPending || running !== undefined;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => sync.mutate({ full: false })} disabled={busy}>
          {busy ? <Spinner label="Syncing" /> : <RefreshCwIcon />}
          Sync now
        </Button>
        <ConfirmActionDialog
          trigger={
            <Button variant="outline" disabled={busy}>
              Re-read everything
            </Button>
          }
          title="Re-read every record?"
          description="Reads all deals and contacts again, from the beginning, so a mapping you just added also applies to older records. Outcomes already recorded are not written again."
          confirmLabel="Re-read everything"
          pendingLabel="Syncing"
          onConfirm={() => sync.mutateAsync({ full: true })}
        />
      </div>
      {busy && (
        <p className="text-sm text-muted-foreground" role="status">
          {running
            ? `Syncing… ${running.pages} page${running.pages === 1 ? "" : "s"}, ${running.records} record${running.records === 1 ? "" : "s"} read so far.`
            : "Starting the sync…"}
        </p>
      )}
      {sync.isSuccess && !busy && (
        <Alert variant={sync.data.status === "failed" ? "destructive" : "default"} role="status">
          <AlertDescription>{summarizeSync(sync.data)}</AlertDescription>
        </Alert>
      )}
      <FormErrorAlert error={sync.error} />
    </div>
  );
}

export function HubspotConnectionCard({
  organizationId,
  connection,
  running,
  canManage,
}: HubspotConnectionCardProps) {
  const disconnect = useDisconnectHubspot(organizationId);

  let content;
  if (connection.isPending) {
    content = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the HubSpot connection">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-4 w-64" />
      </div>
    );
  } else if (connection.isError) {
    content = (
      <QueryErrorAlert
        title="The HubSpot connection couldn't be loaded"
        error={connection.error}
        onRetry={() => connection.refetch()}
        isRetrying={connection.isFetching}
      />
    );
  } else if (!connection.data) {
    content = (
      <EmptyState
        icon={PlugZapIcon}
        title="HubSpot is not connected"
        description={
          canManage
            ? "Connect your HubSpot portal with a private app token, then map deal stages and properties to your outcome metrics: closed-won deals become conversions, their amount the order value."
            : "An engineer or admin of this organization can connect HubSpot, so deals and contacts become outcomes here."
        }
        action={
          canManage ? (
            <ConnectHubspotDialog organizationId={organizationId} replacing={false} />
          ) : null
        }
      />
    );
  } else {
    const c = connection.data;
    const status = CONNECTION_STATUS[c.status];
    const waiting = c.nextSyncAfter && parseTimestamp(c.nextSyncAfter) > new Date();
    content = (
      <div className="grid gap-4">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <Badge variant={status.badge}>{status.label}</Badge>
          </dd>
          <dt className="text-muted-foreground">Portal</dt>
          <dd className="font-mono">{c.portalId}</dd>
          <dt className="text-muted-foreground">Token</dt>
          <dd>
            <code className="font-mono text-xs" aria-label={`Token ending ${c.tokenLastFour}`}>
              pat-••••••••{c.tokenLastFour}
            </code>
          </dd>
          <dt className="text-muted-foreground">Last successful sync</dt>
          <dd>{c.lastSyncedAt ? <When value={c.lastSyncedAt} /> : "Not yet"}</dd>
        </dl>
        {c.lastError && (
          <Alert variant="destructive">
            <AlertCircleIcon />
            <AlertTitle>
              {c.status === "invalid_token"
                ? "HubSpot no longer accepts the token"
                : "The last sync failed"}
            </AlertTitle>
            <AlertDescription>{c.lastError}</AlertDescription>
          </Alert>
        )}
        {waiting && (
          <Alert variant="warning">
            <AlertDescription>
              HubSpot asked us to slow down: the next sync starts after{" "}
              {format(parseTimestamp(c.nextSyncAfter!), "HH:mm:ss")}.
            </AlertDescription>
          </Alert>
        )}
        <p className="text-sm text-muted-foreground">
          Syncs run every 15 minutes, reading only what changed in HubSpot since the last one.
        </p>
        {canManage && (
          <div className="flex flex-wrap items-start justify-between gap-3">
            <SyncControls organizationId={organizationId} running={running} />
            <div className="flex gap-2">
              <ConnectHubspotDialog organizationId={organizationId} replacing />
              <ConfirmActionDialog
                trigger={<Button variant="outline">Disconnect</Button>}
                title="Disconnect HubSpot?"
                description="The token is deleted and scheduled syncs stop. Outcomes already recorded, the mappings and the sync history stay; connecting the same portal again continues from the beginning."
                confirmLabel="Disconnect"
                pendingLabel="Disconnecting"
                destructive
                onConfirm={() => disconnect.mutateAsync()}
              />
            </div>
          </div>
        )}
      </div>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>HubSpot</CardTitle>
        <CardDescription>
          Deals and contacts from your CRM, as outcomes: source “hubspot”.
        </CardDescription>
      </CardHeader>
      <CardContent>{content}</CardContent>
    </Card>
  );
}
