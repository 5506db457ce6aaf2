import { useRef, useState, type FormEvent } from "react";
import { formatDistanceToNow } from "date-fns";
import { PlusIcon, TriangleAlertIcon, WebhookIcon } from "lucide-react";
import { z } from "zod";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { CopyButton } from "@/components/copy-button";
import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { parseTimestamp } from "@/lib/timestamps";
import { useZodForm } from "@/lib/use-zod-form";
import type { WebhookSecret } from "../api/create-webhook-endpoint";
import { webhookUrl, type WebhookEndpoint } from "../api/fetch-webhook-endpoints";
import { useCreateWebhookEndpoint } from "../hooks/use-create-webhook-endpoint";
import { useRotateWebhookSecret } from "../hooks/use-rotate-webhook-secret";
import { useSetWebhookEndpointEnabled } from "../hooks/use-set-webhook-endpoint-enabled";
import { useWebhookEndpoints } from "../hooks/use-webhook-endpoints";

const endpointNameSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters.").max(60, "At most 60 characters."),
});

/** The URL and the secret, the secret for the only time. */
function SecretDialog({ secret, onDone }: { secret: WebhookSecret | null; onDone(): void }) {
  return (
    <Dialog open={secret !== null}>
      <DialogContent
        showCloseButton={false}
        onInteractOutside={(event) => event.preventDefault()}
        onEscapeKeyDown={(event) => event.preventDefault()}
      >
        {secret && (
          <>
            <DialogHeader>
              <DialogTitle>Signing secret for “{secret.name}”</DialogTitle>
              <DialogDescription>
                The sender signs each delivery with this secret (HMAC-SHA256 over “timestamp.body”)
                and posts it to the URL below.
              </DialogDescription>
            </DialogHeader>
            <Alert variant="warning">
              <TriangleAlertIcon />
              <AlertTitle>Shown once</AlertTitle>
              <AlertDescription>
                Store it in the sending system's secret settings now.
              </AlertDescription>
            </Alert>
            {(
              [
                ["webhook-url", "Endpoint URL", webhookUrl(secret.endpointId)],
                ["webhook-secret", "Signing secret", secret.secret],
              ] as const
            ).map(([id, label, value]) => (
              <div key={id} className="grid gap-2">
                <Label htmlFor={id}>{label}</Label>
                <div className="flex gap-2">
                  <Input
                    id={id}
                    readOnly
                    value={value}
                    className="font-mono text-xs md:text-xs"
                    onFocus={(event) => event.currentTarget.select()}
                  />
                  <CopyButton value={value} label={label} />
                </div>
              </div>
            ))}
            <DialogFooter>
              <Button onClick={onDone}>I've stored it</Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreateEndpointForm({
  organizationId,
  onCreated,
  close,
}: {
  organizationId: string;
  onCreated(secret: WebhookSecret): void;
  close(): void;
}) {
  const form = useZodForm(endpointNameSchema, { name: "" });
  const formRef = useRef<HTMLFormElement>(null);
  const creation = useCreateWebhookEndpoint(organizationId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = form.validate(formRef.current);
    if (!values) return;
    creation.mutate(values.name, {
      onSuccess: (secret) => {
        close();
        onCreated(secret);
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={creation.error} />
      <FormField
        id="webhook-name"
        label="Name"
        error={form.errors.name}
        description="The system that will send outcomes, so you know what stops if you disable it."
      >
        <Input autoComplete="off" placeholder="Zendesk CSAT" {...form.register("name")} />
      </FormField>
      <FormDialogFooter
        onCancel={close}
        pending={creation.isPending}
        pendingLabel="Creating the endpoint"
        submitLabel="Create endpoint"
      />
    </form>
  );
}

function EndpointRow({
  organizationId,
  endpoint,
  onSecret,
}: {
  organizationId: string;
  endpoint: WebhookEndpoint;
  onSecret(secret: WebhookSecret): void;
}) {
  const rotate = useRotateWebhookSecret(organizationId);
  const toggle = useSetWebhookEndpointEnabled(organizationId);
  const disabled = endpoint.disabledAt !== null;
  const url = webhookUrl(endpoint.id);
  return (
    <TableRow>
      <TableCell className="max-w-48 truncate font-medium">{endpoint.name}</TableCell>
      <TableCell>
        <div className="flex items-center gap-2">
          <code className="max-w-72 truncate font-mono text-xs" title={url}>
            …/outcomes-webhook/{endpoint.id}
          </code>
          <CopyButton value={url} label={`URL of ${endpoint.name}`} />
        </div>
      </TableCell>
      <TableCell>
        <code className="font-mono text-xs" aria-label={`Secret ending ${endpoint.secretHint}`}>
          whsec_…{endpoint.secretHint}
        </code>
      </TableCell>
      <TableCell>
        {endpoint.lastUsedAt ? (
          formatDistanceToNow(parseTimestamp(endpoint.lastUsedAt), { addSuffix: true })
        ) : (
          <span className="text-muted-foreground">Never</span>
        )}
      </TableCell>
      <TableCell>
        {disabled ? (
          <Badge variant="destructive">Disabled</Badge>
        ) : (
          <Badge variant="success">Enabled</Badge>
        )}
      </TableCell>
      <TableCell className="text-right">
        <div className="flex justify-end gap-2">
          <ConfirmActionDialog
            trigger={
              <Button variant="outline" size="sm">
                Rotate secret
              </Button>
            }
            title={`Rotate the secret of “${endpoint.name}”?`}
            description="You get a new secret. The current one keeps working for 24 hours, time to update the sender; after that only the new one is accepted."
            confirmLabel="Rotate"
            pendingLabel="Rotating"
            onConfirm={async () =>
              onSecret(await rotate.mutateAsync({ endpointId: endpoint.id, name: endpoint.name }))
            }
          />
          <ConfirmActionDialog
            trigger={
              <Button variant="outline" size="sm">
                {disabled ? "Enable" : "Disable"}
              </Button>
            }
            title={`${disabled ? "Enable" : "Disable"} “${endpoint.name}”?`}
            description={
              disabled
                ? "Signed deliveries to this endpoint are accepted again."
                : "Deliveries to this endpoint are refused (403) until you enable it again. Its secret stays the same."
            }
            confirmLabel={disabled ? "Enable" : "Disable"}
            pendingLabel={disabled ? "Enabling" : "Disabling"}
            destructive={!disabled}
            onConfirm={() => toggle.mutateAsync({ endpointId: endpoint.id, enabled: disabled })}
          />
        </div>
      </TableCell>
    </TableRow>
  );
}

/** Per-organization endpoints that other systems post signed outcomes to (engineers, admins). */
export function WebhookEndpoints({ organizationId }: { organizationId: string }) {
  const endpoints = useWebhookEndpoints(organizationId);
  const [secret, setSecret] = useState<WebhookSecret | null>(null);

  let body;
  if (endpoints.isPending) {
    body = <Skeleton className="h-32 w-full" />;
  } else if (endpoints.isError) {
    body = (
      <QueryErrorAlert
        title="The webhook endpoints couldn't be loaded"
        error={endpoints.error}
        onRetry={() => endpoints.refetch()}
        isRetrying={endpoints.isFetching}
      />
    );
  } else if (endpoints.data.length === 0) {
    body = (
      <EmptyState
        icon={WebhookIcon}
        title="No webhook endpoints yet"
        description="Give each system that pushes outcomes (a helpdesk, a billing system, a workflow tool) its own endpoint and secret, so you can rotate or disable one without touching the others."
      />
    );
  } else {
    body = (
      <div className="overflow-x-auto rounded-xl border">
        <Table aria-label="Webhook endpoints">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Name</TableHead>
              <TableHead>URL</TableHead>
              <TableHead>Secret</TableHead>
              <TableHead>Last delivery</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.data.map((endpoint) => (
              <EndpointRow
                key={endpoint.id}
                organizationId={organizationId}
                endpoint={endpoint}
                onSecret={setSecret}
              />
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-foreground">
          Deliveries are signed with HMAC-SHA256 (header <code>x-causeway-signature</code>), must be
          at most 5 minutes old, and are accepted once. The format and signing examples are in
          docs/outcomes.md.
        </p>
        <FormDialog
          trigger={
            <Button>
              <PlusIcon aria-hidden="true" />
              Create endpoint
            </Button>
          }
          title="Create a webhook endpoint"
          description="You get a URL and a signing secret for one sending system."
        >
          {(close) => (
            <CreateEndpointForm
              organizationId={organizationId}
              onCreated={setSecret}
              close={close}
            />
          )}
        </FormDialog>
      </div>
      {body}
      <SecretDialog secret={secret} onDone={() => setSecret(null)} />
    </div>
  );
}
