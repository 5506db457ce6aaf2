import { format, formatDistanceToNow } from "date-fns";
import { CircleCheckIcon, CircleXIcon } from "lucide-react";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { parseTimestamp } from "@/lib/timestamps";
import type { ProviderKey } from "../api/fetch-provider-keys";
import { useRevokeProviderKey } from "../hooks/use-revoke-provider-key";
import { useTestProviderKey } from "../hooks/use-test-provider-key";
import { PROVIDER_INFO, type Provider } from "../lib/providers";
import { SaveProviderKeyDialog } from "./save-provider-key-dialog";

export function When({ value }: { value: string }) {
  const date = parseTimestamp(value);
  return (
    <time dateTime={date.toISOString()} title={format(date, "d MMM yyyy, HH:mm")}>
      {formatDistanceToNow(date, { addSuffix: true })}
    </time>
  );
}

function LastTest({ apiKey }: { apiKey: ProviderKey }) {
  if (!apiKey.lastTestedAt) {
    return <p className="text-sm text-muted-foreground">Not tested since it was last set.</p>;
  }
  const Icon = apiKey.lastTestOk ? CircleCheckIcon : CircleXIcon;
  return (
    <p
      className={apiKey.lastTestOk ? "text-sm" : "text-sm text-destructive"}
      role="status"
      aria-label="Last connection test"
    >
      <Icon className="mr-1 inline size-4 align-text-bottom" aria-hidden />
      {apiKey.lastTestOk ? "Connection works" : "Connection failed"} (tested{" "}
      <When value={apiKey.lastTestedAt} />)
      {apiKey.lastTestMessage ? `: ${apiKey.lastTestMessage}` : null}
    </p>
  );
}

interface ProviderKeyCardProps {
  organizationId: string;
  provider: Provider;
  /** The active key, if the organization has one for this provider. */
  apiKey: ProviderKey | undefined;
}

/** One provider: its active key (last four, who and when, last test) and what can be done. */
export function ProviderKeyCard({ organizationId, provider, apiKey }: ProviderKeyCardProps) {
  const info = PROVIDER_INFO[provider];
  const test = useTestProviderKey(organizationId);
  const revoke = useRevokeProviderKey(organizationId);

  async function runTest() {
    try {
      const result = await test.mutateAsync(provider);
      if (result.ok) toast.success(`${info.label}: ${result.message}`);
      else toast.error(`${info.label} refused the test: ${result.message}`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Card role="region" aria-labelledby={`provider-${provider}-title`}>
      <CardHeader>
        <CardTitle id={`provider-${provider}-title`}>{info.label}</CardTitle>
        <CardDescription>
          {apiKey ? (
            <>
              Key ending <code className="font-mono">…{apiKey.last4 || "····"}</code>
            </>
          ) : (
            "No key: capabilities whose live version uses this provider fail with no_provider_key."
          )}
        </CardDescription>
        <CardAction>
          {apiKey ? <Badge variant="success">Active</Badge> : <Badge variant="outline">None</Badge>}
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-3">
        {apiKey && (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Added</dt>
            <dd>
              <When value={apiKey.createdAt} /> by {apiKey.createdByName ?? "a former member"}
            </dd>
            {apiKey.rotatedAt && (
              <>
                <dt className="text-muted-foreground">Rotated</dt>
                <dd>
                  <When value={apiKey.rotatedAt} /> by {apiKey.rotatedByName ?? "a former member"}
                </dd>
              </>
            )}
          </dl>
        )}
        {apiKey && <LastTest apiKey={apiKey} />}
        <div className="flex flex-wrap gap-2">
          {apiKey ? (
            <>
              <Button
                size="sm"
                variant="outline"
                onClick={runTest}
                disabled={test.isPending}
                aria-label={`Test the ${info.label} connection`}
              >
                {test.isPending && <Spinner label="Testing" className="text-current" />}
                Test connection
              </Button>
              <SaveProviderKeyDialog
                organizationId={organizationId}
                provider={provider}
                mode="rotate"
              />
              <ConfirmActionDialog
                trigger={
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-destructive hover:text-destructive"
                    aria-label={`Revoke ${info.label} key`}
                  >
                    Revoke
                  </Button>
                }
                title={`Revoke the ${info.label} key?`}
                description={`The key ending …${apiKey.last4} is erased from Causeway at once, and every gateway call that needs ${info.label} fails until a new key is added. It stays valid at ${info.label}: revoke it there too if it leaked.`}
                confirmLabel="Revoke key"
                pendingLabel="Revoking"
                destructive
                onConfirm={async () => {
                  await revoke.mutateAsync(provider);
                  toast.success(`${info.label} key revoked`);
                }}
              />
            </>
          ) : (
            <SaveProviderKeyDialog organizationId={organizationId} provider={provider} mode="add" />
          )}
        </div>
      </CardContent>
    </Card>
  );
}
