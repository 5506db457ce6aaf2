import { Link, useNavigate } from "react-router-dom";
import { ArrowLeft } from "lucide-react";

import { UserMenu, useSignedInUser } from "@/features/auth";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { StandaloneLayout } from "@/components/standalone-layout";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useExpiredInvitations } from "../hooks/use-expired-invitations";
import { useMyOrganizations } from "../hooks/use-my-organizations";
import { CreateOrganizationForm } from "./create-organization-form";
import { ExpiredInvitationsList } from "./expired-invitations-list";

/** Where someone without an organization lands: create one, or see which invitations lapsed. */
export function WelcomePage() {
  const user = useSignedInUser();
  const navigate = useNavigate();
  const organizations = useMyOrganizations();
  const expiredInvitations = useExpiredInvitations();
  const hasOrganizations = (organizations.data?.length ?? 0) > 0;

  return (
    <StandaloneLayout title="Welcome" headerActions={<UserMenu />}>
      <div className="grid gap-8">
        <div className="grid gap-2">
          {hasOrganizations ? (
            <Button asChild variant="ghost" size="sm" className="-ml-3 w-fit">
              <Link to="/">
                <ArrowLeft />
                Back to your organizations
              </Link>
            </Button>
          ) : null}
          <h1 className="text-3xl font-semibold tracking-tight">
            {hasOrganizations ? "Create an organization" : "Welcome to Causeway"}
          </h1>
          <p className="text-muted-foreground">
            An organization holds your team's experiments, outcome metrics and API keys. You'll be
            the admin of the one you create, and can invite colleagues with the role that fits them.
          </p>
        </div>

        <Card>
          <CardHeader>
            <CardTitle>
              {hasOrganizations ? "New organization" : "Create your first organization"}
            </CardTitle>
            <CardDescription>
              It takes a few seconds; you can invite your team right after.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateOrganizationForm
              id="welcome-organization"
              autoFocus
              onCreated={(organization) => navigate(`/o/${organization.slug}/overview`)}
            />
          </CardContent>
        </Card>

        {expiredInvitations.isPending ? (
          <Skeleton className="h-16 w-full" aria-label="Checking your invitations" />
        ) : expiredInvitations.isError ? (
          <QueryErrorAlert
            title="We couldn't check your invitations"
            error={expiredInvitations.error}
            onRetry={() => void expiredInvitations.refetch()}
            isRetrying={expiredInvitations.isRefetching}
          />
        ) : expiredInvitations.data.length > 0 ? (
          <ExpiredInvitationsList invitations={expiredInvitations.data} />
        ) : null}

        <p className="text-sm text-muted-foreground">
          Expecting an invitation instead? Ask an admin of that organization to invite{" "}
          <span className="font-medium text-foreground">{user.email}</span>. You'll join it
          automatically the next time you sign in.
        </p>
      </div>
    </StandaloneLayout>
  );
}
