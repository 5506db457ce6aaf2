import type { ReactNode } from "react";
import { useParams } from "react-router-dom";

import { UserMenu } from "@/features/auth";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { StandaloneLayout } from "@/components/standalone-layout";
import type { MyOrganization } from "../api/fetch-my-organizations";
import { CurrentOrganizationContext } from "../hooks/use-current-organization";
import { useMyOrganizations } from "../hooks/use-my-organizations";
import { useRememberLastOrganization } from "../hooks/use-remember-last-organization";
import { NoOrganizationAccess } from "./no-organization-access";

interface OrganizationGateProps {
  children: ReactNode;
  /** Shown while the person's memberships load. */
  loadingFallback: ReactNode;
}

/**
 * The boundary of /o/:orgSlug/*: finds the organization among the person's memberships and
 * provides it to everything inside, or explains why it can't be opened.
 */
export function OrganizationGate({ children, loadingFallback }: OrganizationGateProps) {
  const { orgSlug = "" } = useParams();
  const organizations = useMyOrganizations();

  if (organizations.isPending) return loadingFallback;
  if (organizations.isError) {
    return (
      <StandaloneLayout title="Organization unavailable" headerActions={<UserMenu />}>
        <QueryErrorAlert
          title="We couldn't open this organization"
          error={organizations.error}
          onRetry={() => void organizations.refetch()}
          isRetrying={organizations.isRefetching}
        />
      </StandaloneLayout>
    );
  }

  const organization = organizations.data.find((candidate) => candidate.slug === orgSlug);
  if (!organization) {
    return <NoOrganizationAccess slug={orgSlug} organizations={organizations.data} />;
  }
  return <OrganizationScope organization={organization}>{children}</OrganizationScope>;
}

function OrganizationScope({
  organization,
  children,
}: {
  organization: MyOrganization;
  children: ReactNode;
}) {
  useRememberLastOrganization(organization.id);
  return <CurrentOrganizationContext value={organization}>{children}</CurrentOrganizationContext>;
}
