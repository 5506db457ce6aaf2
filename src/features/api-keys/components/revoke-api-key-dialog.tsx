import { useState } from "react";
import { toast } from "sonner";

import { FormErrorAlert } from "@/components/form-error-alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ApiKey } from "../api/fetch-api-keys";
import { useRevokeApiKey } from "../hooks/use-revoke-api-key";

interface RevokeApiKeyDialogProps {
  organizationId: string;
  apiKey: ApiKey;
}

export function RevokeApiKeyDialog({ organizationId, apiKey }: RevokeApiKeyDialogProps) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeApiKey(organizationId);

  function handleOpenChange(next: boolean) {
    if (revoke.isPending) return;
    setOpen(next);
    if (!next) revoke.reset();
  }

  function confirm() {
    revoke.mutate(apiKey.id, {
      onSuccess: () => {
        toast.success(`Revoked API key '${apiKey.name}'`);
        setOpen(false);
      },
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Revoke API key ${apiKey.name}`}
        >
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke API key '{apiKey.name}'?</AlertDialogTitle>
          <AlertDialogDescription>
            Every service using the key starting <code className="font-mono">{apiKey.prefix}</code>{" "}
            is refused from now on. This can't be undone: to restore access, create a new key and
            deploy it.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormErrorAlert error={revoke.error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={revoke.isPending}>Cancel</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog must stay open to show a refusal. */}
          <Button variant="destructive" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending && <Spinner label="Revoking" className="text-current" />}
            Revoke key
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
