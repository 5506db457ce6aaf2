import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import type { ApiKey } from "../api/fetch-api-keys";
import { useRevokeApiKey } from "../hooks/use-revoke-api-key";

interface RevokeApiKeyDialogProps {
  organizationId: string;
  apiKey: ApiKey;
}

export function RevokeApiKeyDialog({ organizationId, apiKey }: RevokeApiKeyDialogProps) {
  const revoke = useRevokeApiKey(organizationId);

  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Revoke API key ${apiKey.name}`}
        >
          Revoke
        </Button>
      }
      title={`Revoke API key '${apiKey.name}'?`}
      description={
        <>
          Every service using the key starting <code className="font-mono">{apiKey.prefix}</code> is
          refused from now on. This can't be undone: to restore access, create a new key and deploy
          it.
        </>
      }
      confirmLabel="Revoke key"
      pendingLabel="Revoking"
      destructive
      onConfirm={async () => {
        await revoke.mutateAsync(apiKey.id);
        toast.success(`Revoked API key '${apiKey.name}'`);
      }}
    />
  );
}
