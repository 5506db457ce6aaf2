import { useNavigate } from "react-router-dom";

import { PageHeader } from "@/components/page-header";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization, useMyOrganizations } from "@/features/organizations";
import { useMembers } from "../hooks/use-members";
import { InviteMemberDialog } from "./invite-member-dialog";
import { MembersTable } from "./members-table";
import { PendingInvitations } from "./pending-invitations";

export function MembersPage() {
  const { organization } = useCurrentOrganization();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const members = useMembers(organization.id);
  const myOrganizations = useMyOrganizations();
  const memberEmails = new Set(
    (members.data ?? []).flatMap((member) => (member.email ? [member.email] : [])),
  );

  // The shell reads the user's role and organizations from this query: refresh it before moving
  // on, or the next page would still see the old role.
  async function afterSteppingDown() {
    await myOrganizations.refetch();
    navigate(`/o/${organization.slug}/overview`);
  }

  async function afterLeaving() {
    await myOrganizations.refetch();
    navigate("/");
  }

  return (
    <div className="grid grid-cols-1 gap-10">
      <title>{`Members · ${organization.name} · Causeway`}</title>
      <div>
        <PageHeader
          title="Members"
          description={`People in ${organization.name} and their roles. A role change applies on their next request.`}
          actions={
            <InviteMemberDialog
              organizationId={organization.id}
              organizationName={organization.name}
              invitedBy={user.id}
              memberEmails={memberEmails}
            />
          }
        />
        <MembersTable
          organizationId={organization.id}
          organizationName={organization.name}
          signedInUserId={user.id}
          onSteppedDown={afterSteppingDown}
          onLeft={afterLeaving}
        />
      </div>
      <section aria-labelledby="pending-invitations-heading" className="grid grid-cols-1 gap-4">
        <div>
          <h2 id="pending-invitations-heading" className="text-lg font-semibold tracking-tight">
            Pending invitations
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">
            People who haven't joined yet. They join when they sign up or sign in with the invited
            email; expired invitations can be sent again.
          </p>
        </div>
        <PendingInvitations organizationId={organization.id} invitedBy={user.id} />
      </section>
    </div>
  );
}
