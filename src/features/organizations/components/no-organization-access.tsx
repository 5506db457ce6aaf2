import { Link } from "react-router-dom";
import { ChevronRight, ShieldX } from "lucide-react";

import { UserMenu, useSignedInUser } from "@/features/auth";
import { StandaloneLayout } from "@/components/standalone-layout";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { MyOrganization } from "../api/fetch-my-organizations";
import { OrganizationAvatar } from "./organization-avatar";
import { RoleBadge } from "./role-badge";

interface NoOrganizationAccessProps {
  slug: string;
  organizations: MyOrganization[];
}

export function NoOrganizationAccess({ slug, organizations }: NoOrganizationAccessProps) {
  const user = useSignedInUser();
  return (
    <StandaloneLayout title="No access" headerActions={<UserMenu />}>
      <Card>
        <CardHeader className="justify-items-center text-center">
          <div className="mb-2 flex size-12 items-center justify-center rounded-full bg-destructive/15 text-destructive">
            <ShieldX className="size-6" aria-hidden="true" />
          </div>
          <h1 className="text-xl font-semibold tracking-tight">
            You don't have access to this organization
          </h1>
          <p className="max-w-md text-sm text-muted-foreground">
            You're not a member of an organization at “{slug}”. The link may be mistyped, or you
            haven't been invited yet: ask one of its admins to invite{" "}
            <span className="font-medium text-foreground">{user.email}</span>.
          </p>
        </CardHeader>
        <CardContent>
          {organizations.length > 0 ? (
            <nav aria-labelledby="your-organizations-heading">
              <h2
                id="your-organizations-heading"
                className="mb-2 text-sm font-medium text-muted-foreground"
              >
                Your organizations
              </h2>
              <ul className="divide-y rounded-lg border">
                {organizations.map((organization) => (
                  <li key={organization.id}>
                    <Link
                      to={`/o/${organization.slug}/overview`}
                      className="flex items-center gap-3 px-4 py-3 transition-colors outline-none first:rounded-t-lg last:rounded-b-lg hover:bg-accent focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      <OrganizationAvatar name={organization.name} />
                      <span className="min-w-0 flex-1 truncate font-medium">
                        {organization.name}
                      </span>
                      <RoleBadge role={organization.role} />
                      <ChevronRight className="size-4 text-muted-foreground" aria-hidden="true" />
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : (
            <div className="flex justify-center">
              <Button asChild>
                <Link to="/welcome">Create an organization</Link>
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
    </StandaloneLayout>
  );
}
