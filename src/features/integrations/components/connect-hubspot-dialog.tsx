import { useRef, useState, type FormEvent } from "react";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useConnectHubspot } from "../hooks/use-connect-hubspot";

export const REQUIRED_SCOPES = [
  "crm.objects.deals.read",
  "crm.objects.contacts.read",
  "crm.schemas.deals.read",
] as const;

function ConnectHubspotForm({
  organizationId,
  onDone,
}: {
  organizationId: string;
  onDone(): void;
}) {
  const [token, setToken] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const connection = useConnectHubspot(organizationId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed.length < 10 || /\s/.test(trimmed)) {
      setFieldError("Paste the private app's access token (it starts with pat-).");
      input.current?.focus();
      return;
    }
    connection.mutate(trimmed, {
      onSuccess: () => {
        setToken("");
        onDone();
      },
      // The submit button was disabled meanwhile, which drops the focus: put it where the fix goes,
      // the token selected so that pasting the right one replaces it.
      onError: () => input.current?.select(),
    });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={connection.error} />
      <FormField
        id="hubspot-token"
        label="Private app access token"
        error={fieldError}
        description={
          <>
            In HubSpot: Settings › Integrations › Private apps › Create a private app, with the
            scopes{" "}
            {REQUIRED_SCOPES.map((scope, index) => (
              <span key={scope}>
                {index > 0 && (index === REQUIRED_SCOPES.length - 1 ? " and " : ", ")}
                <code className="text-xs">{scope}</code>
              </span>
            ))}
            . The token is checked with HubSpot, stored encrypted and never shown again.
          </>
        }
      >
        <Input
          ref={input}
          type="password"
          name="token"
          autoComplete="off"
          spellCheck={false}
          placeholder="pat-na1-…"
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            setFieldError(undefined);
          }}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={connection.isPending}
        pendingLabel="Checking the token with HubSpot"
        submitLabel="Connect"
      />
    </form>
  );
}

export function ConnectHubspotDialog({
  organizationId,
  replacing,
}: {
  organizationId: string;
  /** Already connected: this replaces the token (a rotated one, or another portal). */
  replacing: boolean;
}) {
  return (
    <FormDialog
      trigger={
        <Button variant={replacing ? "outline" : "default"}>
          {replacing ? "Replace token" : "Connect HubSpot"}
        </Button>
      }
      title={replacing ? "Replace the HubSpot token" : "Connect HubSpot"}
      description={
        replacing
          ? "A token for the same portal keeps the sync where it is; another portal's starts from the beginning."
          : "Causeway reads deals and contacts and records the outcomes you map. It never writes to HubSpot."
      }
    >
      {(close) => <ConnectHubspotForm organizationId={organizationId} onDone={close} />}
    </FormDialog>
  );
}
