import { Rocket } from "lucide-react";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useCurrentOrganization } from "@/features/organizations";
import { useDeploymentScopes } from "../hooks/use-deployment-scopes";
import { DeployDialog } from "./deploy-dialog";
import { ScopeCard } from "./scope-card";

function DeploymentsSkeleton() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-busy="true" aria-label="Loading deployments">
      {Array.from({ length: 2 }, (_, index) => (
        <Skeleton key={index} className="h-72 w-full rounded-xl" />
      ))}
    </div>
  );
}

/** What is live per scope, with its experiment split, history, deploys and rollbacks. */
export function DeploymentsPage() {
  const { organization, can } = useCurrentOrganization();
  const scopes = useDeploymentScopes(organization.id);
  const canDeploy = can("deployments.manage");

  let body;
  if (scopes.isPending) {
    body = <DeploymentsSkeleton />;
  } else if (scopes.isError) {
    body = (
      <QueryErrorAlert
        title="The deployments couldn't be loaded"
        error={scopes.error}
        onRetry={() => void scopes.refetch()}
        isRetrying={scopes.isFetching}
      />
    );
  } else if (scopes.data.length === 0) {
    body = (
      <EmptyState
        icon={Rocket}
        title="Nothing is deployed yet"
        description={
          canDeploy
            ? "Once an experiment has been approved and gone active, deploy one of its versions (or let it split the traffic) so resolve can serve it."
            : "Once an experiment has been approved, a product manager or prompt engineer deploys it here so resolve can serve it."
        }
      />
    );
  } else {
    body = (
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {scopes.data.map((scope) => (
          <ScopeCard
            key={scope.id}
            organizationId={organization.id}
            organizationSlug={organization.slug}
            scope={scope}
            canRollBack={can("deployments.rollback")}
          />
        ))}
      </div>
    );
  }

  return (
    <div>
      <title>{`Deployments · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Deployments"
        description="What resolve serves, per scope. The most specific live scope wins: capability + action + intent, then capability + action, then capability + intent, then the capability alone."
        actions={canDeploy ? <DeployDialog organizationId={organization.id} /> : null}
      />
      {body}
    </div>
  );
}
