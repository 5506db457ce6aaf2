import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
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
import type { ProviderKey } from "../api/fetch-provider-keys";
import { useProviderKeys } from "../hooks/use-provider-keys";
import { PROVIDER_INFO, PROVIDERS } from "../lib/providers";
import { ProviderKeyCard, When } from "./provider-key-card";

function RevokedKeys({ keys }: { keys: ProviderKey[] }) {
  if (keys.length === 0) return null;
  return (
    <section aria-labelledby="revoked-keys-title" className="mt-8">
      <h2 id="revoked-keys-title" className="mb-3 text-sm font-medium">
        Revoked keys
      </h2>
      <div className="rounded-xl border">
        <Table>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Provider</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Added</TableHead>
              <TableHead>Revoked</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id} className="text-muted-foreground">
                <TableCell>{PROVIDER_INFO[key.provider].label}</TableCell>
                <TableCell>
                  <code className="font-mono text-xs">…{key.last4}</code>
                </TableCell>
                <TableCell>
                  <When value={key.createdAt} /> by {key.createdByName ?? "a former member"}
                </TableCell>
                <TableCell>
                  <When value={key.revokedAt!} /> by {key.revokedByName ?? "a former member"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

export function ProviderKeysPage() {
  const { organization } = useCurrentOrganization();
  const keys = useProviderKeys(organization.id);

  let body;
  if (keys.isPending) {
    body = (
      <div
        className="grid gap-4 lg:grid-cols-3"
        aria-busy="true"
        aria-label="Loading provider keys"
      >
        {PROVIDERS.map((provider) => (
          <Skeleton key={provider} className="h-44 rounded-xl" />
        ))}
      </div>
    );
  } else if (keys.isError) {
    body = (
      <QueryErrorAlert
        title="The provider keys couldn't be loaded"
        error={keys.error}
        onRetry={() => keys.refetch()}
        isRetrying={keys.isFetching}
      />
    );
  } else {
    const active = (provider: string) =>
      keys.data.find((key) => key.provider === provider && key.revokedAt === null);
    body = (
      <>
        <div className="grid gap-4 lg:grid-cols-3">
          {PROVIDERS.map((provider) => (
            <ProviderKeyCard
              key={provider}
              organizationId={organization.id}
              provider={provider}
              apiKey={active(provider)}
            />
          ))}
        </div>
        <RevokedKeys keys={keys.data.filter((key) => key.revokedAt !== null)} />
      </>
    );
  }

  return (
    <div>
      <title>{`Provider keys · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Provider keys"
        description="The OpenAI, Anthropic and Gemini keys the LLM gateway (llm-proxy) calls with. Keys are encrypted on the server and never shown again; test a key to make one tiny real call with it."
      />
      {body}
    </div>
  );
}
