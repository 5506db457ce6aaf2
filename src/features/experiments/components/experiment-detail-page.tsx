import { useState } from "react";
import { ArrowLeftIcon, BarChart3Icon, CheckCircle2Icon } from "lucide-react";
import { Link, useParams } from "react-router-dom";
import { z } from "zod";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useUrlFilters, type UrlFilterSchemas } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { personName } from "@/features/profiles";
import type { ExperimentDetail } from "../api/fetch-experiment";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { useExperiment } from "../hooks/use-experiment";
import { useExperimentOptions } from "../hooks/use-experiment-options";
import { ActivityTab } from "./activity-tab";
import type { AddVariantRequest } from "./add-variant-dialog";
import { CompareTab } from "./compare-tab";
import { DiscussionTab } from "./discussion-tab";
import { EditDetailsDialog } from "./edit-details-dialog";
import { ExperimentStatusBadge } from "./experiment-status-badge";
import { LifecycleActions } from "./lifecycle-actions";
import { OverviewTab } from "./overview-tab";
import { VersionsTab } from "./versions-tab";

const TABS = ["overview", "versions", "compare", "discussion", "activity"] as const;
type Tab = (typeof TABS)[number];
// The tab and the compared versions live in the URL, so a comparison can be linked to.
const DETAIL_FILTERS = {
  tab: z.enum(TABS).default("overview"),
  from: z.uuid().optional(),
  to: z.uuid().optional(),
} satisfies UrlFilterSchemas;

function Approvals({
  experiment,
  requiredApprovals,
}: {
  experiment: ExperimentDetail;
  requiredApprovals: number;
}) {
  if (experiment.status !== "in_review") return null;
  const approvals = experiment.reviews.filter(
    (review) => review.round === experiment.reviewRound && review.decision === "approved",
  );
  const names = approvals.map((review) => {
    const profile = review.reviewerId ? experiment.people.get(review.reviewerId) : undefined;
    return profile ? personName(profile) : "a former member";
  });
  return (
    <p className="flex items-center gap-1.5 text-sm text-muted-foreground" aria-live="polite">
      <CheckCircle2Icon
        aria-hidden="true"
        className={approvals.length >= requiredApprovals ? "size-4 text-success" : "size-4"}
      />
      <span>
        {approvals.length} of {requiredApprovals}{" "}
        {requiredApprovals === 1 ? "approval" : "approvals"}
        {names.length > 0 && ` · approved by ${names.join(", ")}`}
      </span>
    </p>
  );
}

function LastChangeRequest({ experiment }: { experiment: ExperimentDetail }) {
  const request = experiment.reviews.find(
    (review) => review.decision === "changes_requested" && review.round === experiment.reviewRound,
  );
  if (experiment.status !== "draft" || !request) return null;
  const profile = request.reviewerId ? experiment.people.get(request.reviewerId) : undefined;
  return (
    <div className="rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
      <p className="font-medium">
        {profile ? personName(profile) : "A reviewer"} requested changes
      </p>
      <p className="whitespace-pre-wrap text-muted-foreground">{request.comment}</p>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the experiment">
      <Skeleton className="h-8 w-80" />
      <Skeleton className="h-5 w-56" />
      <Skeleton className="h-9 w-96" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}

function ExperimentView({
  experiment,
  options,
}: {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
}) {
  const { organization, can } = useCurrentOrganization();
  const { values, setFilters } = useUrlFilters(DETAIL_FILTERS);
  const [addVariant, setAddVariant] = useState<AddVariantRequest | null>(null);
  const showActivity = can("auditLog.read");
  const tab: Tab = values.tab === "activity" && !showActivity ? "overview" : values.tab;
  const capability = options.capabilities.find((entry) => entry.id === experiment.capabilityId);
  const author = experiment.createdBy ? experiment.people.get(experiment.createdBy) : undefined;

  return (
    <div className="grid gap-5">
      <title>{`${experiment.name} · Experiments · ${organization.name} · Causeway`}</title>
      <Link
        to={`/o/${organization.slug}/experiments`}
        className="flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ArrowLeftIcon className="size-4" aria-hidden="true" />
        Experiments
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 gap-1.5">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{experiment.name}</h1>
            <ExperimentStatusBadge status={experiment.status} />
          </div>
          <p className="text-sm text-muted-foreground">
            {capability?.name ?? "Unknown capability"} · by{" "}
            {author ? personName(author) : "a former member"} · {experiment.versions.length}{" "}
            {experiment.versions.length === 1 ? "version" : "versions"}
          </p>
          <Approvals experiment={experiment} requiredApprovals={options.requiredApprovals} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <EditDetailsDialog experiment={experiment} options={options} />
          <Button asChild variant="outline">
            <Link to="results">
              <BarChart3Icon aria-hidden="true" />
              Results
            </Link>
          </Button>
          <LifecycleActions experiment={experiment} requiredApprovals={options.requiredApprovals} />
        </div>
      </header>
      <LastChangeRequest experiment={experiment} />
      <Tabs value={tab} onValueChange={(next) => setFilters({ tab: next as Tab })}>
        <TabsList>
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="versions">Versions</TabsTrigger>
          <TabsTrigger value="compare">Compare</TabsTrigger>
          <TabsTrigger value="discussion">Discussion</TabsTrigger>
          {showActivity && <TabsTrigger value="activity">Activity</TabsTrigger>}
        </TabsList>
        <TabsContent value="overview" className="pt-2">
          <OverviewTab
            experiment={experiment}
            options={options}
            addVariant={addVariant}
            onAddVariantChange={setAddVariant}
          />
        </TabsContent>
        <TabsContent value="versions" className="pt-2">
          <VersionsTab
            experiment={experiment}
            options={options}
            onCompare={(from, to) => setFilters({ tab: "compare", from, to })}
            onUseInVariant={(versionId) => {
              // Add variant lives on the Overview, next to the allocations it changes.
              setFilters({ tab: "overview" });
              setAddVariant({ versionId });
            }}
          />
        </TabsContent>
        <TabsContent value="compare" className="pt-2">
          <CompareTab
            experiment={experiment}
            fromVersionId={values.from}
            toVersionId={values.to}
            onChange={(patch) => setFilters(patch)}
          />
        </TabsContent>
        <TabsContent value="discussion" className="pt-2">
          <DiscussionTab experiment={experiment} />
        </TabsContent>
        {showActivity && (
          <TabsContent value="activity" className="pt-2">
            <ActivityTab experiment={experiment} />
          </TabsContent>
        )}
      </Tabs>
    </div>
  );
}

export function ExperimentDetailPage() {
  const { organization } = useCurrentOrganization();
  const { experimentId = "" } = useParams();
  const experiment = useExperiment(organization.id, experimentId);
  const options = useExperimentOptions(organization.id);

  if (experiment.isPending || options.isPending) return <DetailSkeleton />;
  const failed = experiment.isError ? experiment : options.isError ? options : null;
  if (failed) {
    return (
      <QueryErrorAlert
        title="The experiment couldn't be loaded"
        error={failed.error}
        onRetry={() => {
          void experiment.refetch();
          void options.refetch();
        }}
        isRetrying={experiment.isFetching || options.isFetching}
      />
    );
  }
  return <ExperimentView experiment={experiment.data!} options={options.data!} />;
}
