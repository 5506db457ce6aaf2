import { format } from "date-fns";
import { CalendarClock, KeyRound, MailPlus, Users } from "lucide-react";

import { ROLE_DESCRIPTIONS, ROLE_LABELS, useMyProfile } from "@/features/auth";
import { useTimeRange } from "@/features/filters";
import { OnboardingCallToAction } from "@/features/onboarding";
import { RoleBadge, useCurrentOrganization } from "@/features/organizations";
import { useActiveApiKeyCount } from "../hooks/use-active-api-key-count";
import { useMemberCount } from "../hooks/use-member-count";
import { usePendingInvitationCount } from "../hooks/use-pending-invitation-count";
import { GettingStartedChecklist, type ChecklistItem } from "./getting-started-checklist";
import { StatCard } from "./stat-card";

function plural(count: number, one: string, many: string) {
  return count === 1 ? one : many;
}

/** The organization's landing page: who is here, what is set up, and what to do next. */
export function OverviewPage() {
  const { organization, role, can } = useCurrentOrganization();
  const profile = useMyProfile();
  const timeRange = useTimeRange();
  const canManageMembers = can("members.manage");
  const canManageApiKeys = can("apiKeys.manage");
  const members = useMemberCount(organization.id);
  const apiKeys = useActiveApiKeyCount(organization.id, { enabled: canManageApiKeys });
  const invitations = usePendingInvitationCount(organization.id, { enabled: canManageMembers });
  const base = `/o/${organization.slug}`;

  const checklist: ChecklistItem[] = [];
  if (canManageMembers) {
    checklist.push({
      id: "invite-team",
      title: "Invite your team",
      description: "Add colleagues with the role that matches their work.",
      done: (members.data ?? 0) > 1,
      action: { to: `${base}/members`, label: "Invite people" },
    });
  }
  if (canManageApiKeys) {
    checklist.push({
      id: "create-api-key",
      title: "Create an API key",
      description: "Your services use a key to send runs and outcomes to Causeway.",
      done: (apiKeys.data ?? 0) > 0,
      action: { to: `${base}/api-keys`, label: "Create a key" },
    });
  }
  const checklistPending =
    (canManageMembers && members.isPending) || (canManageApiKeys && apiKeys.isPending);
  const checklistFailed =
    (canManageMembers && members.isError) || (canManageApiKeys && apiKeys.isError);

  const greetingName = profile.data?.displayName?.split(" ")[0];

  return (
    <div className="grid gap-8">
      <title>{`Overview · ${organization.name} · Causeway`}</title>
      <header className="grid gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{organization.name}</h1>
          <RoleBadge role={role} />
        </div>
        <p className="max-w-3xl text-muted-foreground">
          {greetingName ? `Welcome back, ${greetingName}. ` : null}
          Your role here is <span className="font-medium text-foreground">{ROLE_LABELS[role]}</span>
          : {ROLE_DESCRIPTIONS[role].charAt(0).toLowerCase()}
          {ROLE_DESCRIPTIONS[role].slice(1)}.
        </p>
      </header>

      <OnboardingCallToAction />

      <section
        aria-label="At a glance"
        className="grid grid-cols-[repeat(auto-fit,minmax(15rem,1fr))] gap-4"
      >
        <StatCard
          title="Members"
          icon={Users}
          value={members.data}
          detail={`${plural(members.data ?? 0, "Person", "People")} in ${organization.name}`}
          isPending={members.isPending}
          error={members.error}
          onRetry={() => void members.refetch()}
          link={canManageMembers ? { to: `${base}/members`, label: "Manage members" } : undefined}
        />
        {canManageApiKeys ? (
          <StatCard
            title="Active API keys"
            icon={KeyRound}
            value={apiKeys.data}
            detail="Keys that can send data or resolve prompts"
            isPending={apiKeys.isPending}
            error={apiKeys.error}
            onRetry={() => void apiKeys.refetch()}
            link={{ to: `${base}/api-keys`, label: "Manage API keys" }}
          />
        ) : null}
        {canManageMembers ? (
          <StatCard
            title="Pending invitations"
            icon={MailPlus}
            value={invitations.data}
            detail="Waiting for the invitee to sign in"
            isPending={invitations.isPending}
            error={invitations.error}
            onRetry={() => void invitations.refetch()}
            link={{ to: `${base}/members`, label: "See invitations" }}
          />
        ) : null}
        <StatCard
          title="Time range"
          icon={CalendarClock}
          value={<span className="text-2xl">{timeRange.label}</span>}
          detail={
            timeRange.preset === "custom"
              ? "Whole days, in your time zone"
              : `${format(timeRange.from, "MMM d, yyyy, HH:mm")} to now`
          }
        />
      </section>

      {checklist.length > 0 && !checklistFailed ? (
        <GettingStartedChecklist items={checklist} isPending={checklistPending} />
      ) : null}
    </div>
  );
}
