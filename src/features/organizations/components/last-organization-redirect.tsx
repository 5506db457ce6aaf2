import { Navigate, useLocation } from "react-router-dom";

import { UserMenu } from "@/features/auth";
import { FullPageSpinner } from "@/components/full-page-spinner";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { StandaloneLayout } from "@/components/standalone-layout";
import { useLastOrganizationId } from "../hooks/use-last-organization-id";
import { useMyOrganizations } from "../hooks/use-my-organizations";

/** "/": reopens the organization the person used last, or their first one, or the welcome page. */
export function LastOrganizationRedirect() {
  const location = useLocation();
  const organizations = useMyOrganizations();
  const lastUsed = useLastOrganizationId();

  // An unreadable last organization is not worth an error page: the first membership will do.
  if (organizations.isPending || lastUsed.isPending) return <FullPageSpinner />;
  if (organizations.isError) {
    return (
      <StandaloneLayout title="Couldn't load" headerActions={<UserMenu />}>
        <QueryErrorAlert
          title="We couldn't load your organizations"
          error={organizations.error}
          onRetry={() => void organizations.refetch()}
          isRetrying={organizations.isRefetching}
        />
      </StandaloneLayout>
    );
  }

  const target =
    organizations.data.find((organization) => organization.id === lastUsed.data) ??
    organizations.data[0];
  if (!target) return <Navigate to="/welcome" replace />;
  return (
    <Navigate to={{ pathname: `/o/${target.slug}/overview`, search: location.search }} replace />
  );
}
