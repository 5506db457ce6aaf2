import { useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";

import { FormDialog, FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useSaveProviderKey } from "../hooks/use-save-provider-key";
import { PROVIDER_INFO, providerKeyProblem, type Provider } from "../lib/providers";

interface SaveProviderKeyDialogProps {
  organizationId: string;
  provider: Provider;
  mode: "add" | "rotate";
}

function SaveProviderKeyForm({
  organizationId,
  provider,
  mode,
  onDone,
}: SaveProviderKeyDialogProps & { onDone(): void }) {
  const [key, setKey] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const save = useSaveProviderKey(organizationId);
  const info = PROVIDER_INFO[provider];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = providerKeyProblem(key);
    if (problem) {
      setFieldError(problem);
      input.current?.focus();
      return;
    }
    save.mutate(
      { provider, mode, key },
      {
        onSuccess: () => {
          setKey("");
          toast.success(mode === "add" ? `${info.label} key added` : `${info.label} key rotated`);
          onDone();
        },
        // The submit button was disabled meanwhile, which drops the focus: back to the key.
        onError: () => input.current?.select(),
      },
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={save.error} />
      <FormField
        id={`provider-key-${provider}`}
        label={`${info.label} API key`}
        error={fieldError}
        description={`Create one at ${info.console}. It is encrypted on the server and never shown again: only its last four characters are kept for you to recognise it.`}
      >
        <Input
          ref={input}
          type="password"
          name="key"
          autoComplete="off"
          spellCheck={false}
          placeholder={info.keyHint}
          value={key}
          onChange={(event) => {
            setKey(event.target.value);
            setFieldError(undefined);
          }}
        />
      </FormField>
      <FormDialogFooter
        onCancel={onDone}
        pending={save.isPending}
        pendingLabel={mode === "add" ? "Adding the key" : "Rotating the key"}
        submitLabel={mode === "add" ? "Add key" : "Rotate key"}
      />
    </form>
  );
}

/** Add a provider's key, or replace the active one with a new key (rotate). */
export function SaveProviderKeyDialog(props: SaveProviderKeyDialogProps) {
  const info = PROVIDER_INFO[props.provider];
  return (
    <FormDialog
      trigger={
        <Button
          size="sm"
          variant={props.mode === "add" ? "default" : "outline"}
          aria-label={props.mode === "add" ? `Add ${info.label} key` : `Rotate ${info.label} key`}
        >
          {props.mode === "add" ? "Add key" : "Rotate"}
        </Button>
      }
      title={props.mode === "add" ? `Add the ${info.label} key` : `Rotate the ${info.label} key`}
      description={
        props.mode === "add"
          ? `The LLM gateway calls ${info.label} with this key for every capability whose live version uses ${info.label}.`
          : `The new key replaces the current one at once; calls in flight finish with the old key. Revoke the old key at ${info.console} afterwards.`
      }
    >
      {(close) => <SaveProviderKeyForm {...props} onDone={close} />}
    </FormDialog>
  );
}
