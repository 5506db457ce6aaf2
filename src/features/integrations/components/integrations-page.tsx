import { PageHeader } from "@/components/page-header";
import { hasCapability } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { useHubspotConnection } from "../hooks/use-hubspot-connection";
import { useHubspotSyncRuns } from "../hooks/use-hubspot-sync-runs";
import { HubspotConnectionCard } from "./hubspot-connection-card";
import { HubspotMappingsCard } from "./hubspot-mappings-card";
import { HubspotSyncHistory } from "./hubspot-sync-history";

export function IntegrationsPage() {
  const { organization } = useCurrentOrganization();
  const canManage = hasCapability(organization.role, "integrations.manage");
  const connection = useHubspotConnection(organization.id);
  const runs = useHubspotSyncRuns(organization.id);
  const running = runs.data?.find((run) => run.status === "running");

  return (
    <div>
      <title>{`Integrations · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Integrations"
        description="Outcomes from the systems where they happen. Synced outcomes appear with their source next to those from the API, CSV uploads and webhooks."
      />
      <div className="grid gap-6">
        <HubspotConnectionCard
          organizationId={organization.id}
          connection={connection}
          running={running}
          canManage={canManage}
        />
        <HubspotMappingsCard
          organizationId={organization.id}
          connected={Boolean(connection.data)}
          canManage={canManage}
        />
        <HubspotSyncHistory runs={runs} />
      </div>
    </div>
  );
}
