import { useRef, useState, type FormEvent } from "react";
import { PlusIcon, TriangleAlertIcon } from "lucide-react";

import { CopyButton } from "@/components/copy-button";
import { FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { CreatedApiKey } from "../api/create-api-key";
import { useCreateApiKey } from "../hooks/use-create-api-key";
import { API_KEY_SCOPES, SCOPE_DESCRIPTIONS, type ApiKeyScope } from "../lib/api-key-scopes";
import { createApiKeySchema, type CreateApiKeyFormValues } from "../lib/create-api-key-schema";

const EMPTY_FORM: CreateApiKeyFormValues = { name: "", scopes: [] };

interface CreateApiKeyFormProps {
  organizationId: string;
  organizationName: string;
  onCreated(key: CreatedApiKey): void;
  onCancel(): void;
}

function CreateApiKeyForm({
  organizationId,
  organizationName,
  onCreated,
  onCancel,
}: CreateApiKeyFormProps) {
  const [values, setValues] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors<CreateApiKeyFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const creation = useCreateApiKey(organizationId);

  function toggleScope(scope: ApiKeyScope, checked: boolean) {
    setValues((current) => ({
      ...current,
      scopes: checked
        ? API_KEY_SCOPES.filter((s) => s === scope || current.scopes.includes(s))
        : current.scopes.filter((s) => s !== scope),
    }));
    setErrors((current) => ({ ...current, scopes: undefined }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(createApiKeySchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    creation.mutate(result.data, { onSuccess: onCreated });
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Create an API key</DialogTitle>
        <DialogDescription>
          The key lets a service act for {organizationName} within the scopes you choose, without
          anyone signing in. You can revoke it at any time.
        </DialogDescription>
      </DialogHeader>
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
        <FormErrorAlert error={creation.error} />
        <FormField
          id="api-key-name"
          label="Name"
          error={errors.name}
          description="Say where the key is used, so you know what breaks if you revoke it."
        >
          <Input
            name="name"
            autoComplete="off"
            placeholder="Checkout service (production)"
            value={values.name}
            onChange={(event) => {
              const name = event.target.value;
              setValues((current) => ({ ...current, name }));
              setErrors((current) => ({ ...current, name: undefined }));
            }}
          />
        </FormField>
        <fieldset
          className="grid gap-3"
          aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}
        >
          <legend className="mb-3 text-sm font-medium">Scopes</legend>
          {API_KEY_SCOPES.map((scope, index) => (
            <div key={scope} className="flex items-start gap-3">
              <Checkbox
                id={`api-key-scope-${scope}`}
                // Named so an empty choice can move focus to the first box.
                name={index === 0 ? "scopes" : undefined}
                checked={values.scopes.includes(scope)}
                onCheckedChange={(checked) => toggleScope(scope, checked === true)}
                aria-describedby={`api-key-scope-${scope}-description`}
                className="mt-0.5"
              />
              <div className="grid gap-1">
                <Label htmlFor={`api-key-scope-${scope}`} className="font-mono">
                  {scope}
                </Label>
                <p
                  id={`api-key-scope-${scope}-description`}
                  className="text-sm text-muted-foreground"
                >
                  {SCOPE_DESCRIPTIONS[scope]}
                </p>
              </div>
            </div>
          ))}
          {errors.scopes && (
            <p id="api-key-scopes-error" role="alert" className="text-sm text-destructive">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <FormDialogFooter
          onCancel={onCancel}
          pending={creation.isPending}
          pendingLabel="Creating the key"
          submitLabel="Create key"
        />
      </form>
    </>
  );
}

function NewKeySecret({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone(): void }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>Copy your new key</DialogTitle>
        <DialogDescription>
          “{apiKey.name}” is ready. Services send it as a bearer token in the Authorization header.
        </DialogDescription>
      </DialogHeader>
      <Alert variant="warning">
        <TriangleAlertIcon />
        <AlertTitle>Shown once</AlertTitle>
        <AlertDescription>
          This is the only time the key is shown. Store it in your secret manager.
        </AlertDescription>
      </Alert>
      <div className="grid gap-2">
        <Label htmlFor="new-api-key-secret">API key</Label>
        <div className="flex gap-2">
          <Input
            id="new-api-key-secret"
            readOnly
            value={apiKey.secret}
            className="font-mono text-xs md:text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={apiKey.secret} label="API key" />
        </div>
      </div>
      <DialogFooter>
        <Button onClick={onDone}>I've stored it</Button>
      </DialogFooter>
    </>
  );
}

interface CreateApiKeyDialogProps {
  organizationId: string;
  organizationName: string;
}

export function CreateApiKeyDialog({ organizationId, organizationName }: CreateApiKeyDialogProps) {
  const [open, setOpen] = useState(false);
  const [createdKey, setCreatedKey] = useState<CreatedApiKey | null>(null);
  const showingSecret = createdKey !== null;

  function close() {
    setOpen(false);
    // Forget the secret the moment the dialog closes; it can't be shown again anyway.
    setCreatedKey(null);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setOpen(true);
        // While the secret is shown, only "I've stored it" may close the dialog.
        else if (!showingSecret) close();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        showCloseButton={!showingSecret}
        onInteractOutside={(event) => showingSecret && event.preventDefault()}
        onEscapeKeyDown={(event) => showingSecret && event.preventDefault()}
      >
        {createdKey ? (
          <NewKeySecret apiKey={createdKey} onDone={close} />
        ) : (
          // Mounted per opening, so a cancelled form starts empty next time.
          <CreateApiKeyForm
            organizationId={organizationId}
            organizationName={organizationName}
            onCreated={setCreatedKey}
            onCancel={close}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
