import { ROLE_LABELS, useMyProfile } from "@/features/auth";
import { OverviewDashboard } from "@/features/dashboards";
import { OnboardingCallToAction } from "@/features/onboarding";
import { RoleBadge, useCurrentOrganization } from "@/features/organizations";
import { SavedViewsMenu } from "@/features/saved-views";
import { useActiveApiKeyCount } from "../hooks/use-active-api-key-count";
import { useMemberCount } from "../hooks/use-member-count";
import { GettingStartedChecklist, type ChecklistItem } from "./getting-started-checklist";

/**
 * The organization's landing page: its key metrics against the previous period, the charts and
 * breakdowns behind them, and, while the organization is being set up, what to do next.
 */
export function OverviewPage() {
  const { organization, role, can } = useCurrentOrganization();
  const profile = useMyProfile();
  const canManageMembers = can("members.manage");
  const canManageApiKeys = can("apiKeys.manage");
  const members = useMemberCount(organization.id, { enabled: canManageMembers });
  const apiKeys = useActiveApiKeyCount(organization.id, { enabled: canManageApiKeys });
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
  // Once everything is done the checklist has nothing left to say.
  const checklistDone = !checklistPending && checklist.every((item) => item.done);

  const greetingName = profile.data?.displayName?.split(" ")[0];

  return (
    <div className="grid gap-6">
      <title>{`Overview · ${organization.name} · Causeway`}</title>
      <header className="grid gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{organization.name}</h1>
          <RoleBadge role={role} />
        </div>
        <p className="max-w-3xl text-muted-foreground">
          {greetingName ? `Welcome back, ${greetingName}. ` : null}
          How your LLM features move your business outcomes, and what they cost, as{" "}
          {ROLE_LABELS[role].toLowerCase()}.
        </p>
      </header>

      <OnboardingCallToAction />

      {checklist.length > 0 && !checklistFailed && !checklistDone ? (
        <GettingStartedChecklist items={checklist} isPending={checklistPending} />
      ) : null}

      <OverviewDashboard headerActions={<SavedViewsMenu />} />
    </div>
  );
}
