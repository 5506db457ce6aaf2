import { Link } from "react-router-dom";
import { FlaskConical, History, Undo2 } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { Database } from "@/lib/database.types";
import { cn } from "@/lib/utils";
import type { Deployment, DeploymentScope } from "../api/fetch-deployment-scopes";
import { scopeLabel } from "../lib/scope";
import { allocationPercent } from "../lib/version-label";
import { RelativeTime } from "./relative-time";
import { RollbackDialog } from "./rollback-dialog";

const STATUS_LABELS: Record<Database["public"]["Enums"]["experiment_status"], string> = {
  draft: "Draft",
  in_review: "In review",
  active: "Active",
  paused: "Paused",
  archived: "Archived",
};

function ExperimentSplit({
  deployment,
  organizationSlug,
}: {
  deployment: Deployment;
  organizationSlug: string;
}) {
  const experiment = deployment.experiment;
  if (!experiment) return null;
  const assigning = experiment.status === "active";
  return (
    <div className="grid min-w-0 gap-2 rounded-lg border bg-background/40 p-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <FlaskConical className="size-4 text-primary" aria-hidden="true" />
        <Link
          to={`/o/${organizationSlug}/experiments/${experiment.id}`}
          className="font-medium text-primary hover:underline"
        >
          {experiment.name}
        </Link>
        <Badge variant={assigning ? "success" : "outline"}>
          {STATUS_LABELS[experiment.status]}
        </Badge>
      </div>
      {assigning ? (
        <ul className="grid min-w-0 gap-1.5" aria-label={`Variants of ${experiment.name}`}>
          {experiment.variants.map((variant) => (
            <li key={variant.key} className="grid min-w-0 gap-1 text-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate">
                  <span className="font-mono text-xs">{variant.key}</span>
                  {variant.isControl ? (
                    <span className="text-muted-foreground"> (control)</span>
                  ) : null}
                  {variant.versionLabel ? (
                    <span className="text-muted-foreground"> · {variant.versionLabel}</span>
                  ) : null}
                </span>
                <span className="shrink-0 tabular-nums">
                  {allocationPercent(variant.allocationBp)}
                </span>
              </div>
              <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden="true">
                <div
                  className="h-full rounded-full bg-primary"
                  style={{ width: `${variant.allocationBp / 100}%` }}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">
          The experiment is {STATUS_LABELS[experiment.status].toLowerCase()}: it assigns nobody, so
          every request gets the baseline version above.
        </p>
      )}
    </div>
  );
}

function HistoryEntry({ deployment }: { deployment: Deployment }) {
  const isRollback = deployment.kind === "rollback";
  return (
    <li className="grid gap-0.5 border-l-2 pl-3 text-sm" data-kind={deployment.kind}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {isRollback ? (
          <Badge variant="outline" className="border-warning/60 text-warning">
            <Undo2 aria-hidden="true" />
            Rollback
          </Badge>
        ) : (
          <Badge variant="outline">Deploy</Badge>
        )}
        {deployment.supersededAt === null ? <Badge variant="success">Live</Badge> : null}
        <span className="font-medium">{deployment.versionLabel ?? "Unknown version"}</span>
        {deployment.experiment ? (
          <span className="text-muted-foreground">with “{deployment.experiment.name}”</span>
        ) : null}
      </div>
      <p className="text-muted-foreground">
        {isRollback ? "Rolled back" : "Deployed"} by{" "}
        <span className="text-foreground">{deployment.deployedByName ?? "a former member"}</span>,{" "}
        <RelativeTime value={deployment.deployedAt} />
      </p>
      {deployment.note ? (
        <p className={cn(isRollback && "text-foreground")}>
          {isRollback ? <span className="font-medium">Why: </span> : null}
          {deployment.note}
        </p>
      ) : null}
    </li>
  );
}

interface ScopeCardProps {
  organizationId: string;
  organizationSlug: string;
  scope: DeploymentScope;
  canRollBack: boolean;
}

export function ScopeCard({
  organizationId,
  organizationSlug,
  scope,
  canRollBack,
}: ScopeCardProps) {
  const label = scopeLabel(scope);
  const current = scope.current;
  const titleId = `scope-${scope.id}`;
  return (
    <Card role="region" aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle>
          <h2 id={titleId} className="font-mono text-base">
            {label}
          </h2>
        </CardTitle>
        <CardDescription>
          {scope.actionKey || scope.intentKey
            ? "A narrower scope: it wins over the capability-wide deployment for matching requests."
            : "Every request for this capability, unless a narrower scope matches."}
        </CardDescription>
        {canRollBack && current ? (
          <CardAction>
            {current.hasPrevious ? (
              <RollbackDialog organizationId={organizationId} scope={scope} />
            ) : (
              <Tooltip>
                <TooltipTrigger asChild>
                  {/* Focusable wrapper: a disabled button gets no hover or focus for its tooltip. */}
                  <span tabIndex={0} className="inline-flex rounded-md">
                    <Button variant="outline" size="sm" disabled>
                      <Undo2 aria-hidden="true" />
                      Roll back
                    </Button>
                  </span>
                </TooltipTrigger>
                <TooltipContent>
                  This is the scope's first deployment: there is nothing to roll back to.
                </TooltipContent>
              </Tooltip>
            )}
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="grid min-w-0 gap-4 [&>*]:min-w-0">
        {current ? (
          <div className="grid gap-3">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted-foreground">Version</dt>
              <dd className="font-medium">{current.versionLabel ?? "Unknown version"}</dd>
              <dt className="text-muted-foreground">
                {current.kind === "rollback" ? "Rolled back by" : "Deployed by"}
              </dt>
              <dd>
                {current.deployedByName ?? "A former member"},{" "}
                <RelativeTime value={current.deployedAt} />
              </dd>
            </dl>
            <ExperimentSplit deployment={current} organizationSlug={organizationSlug} />
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Nothing is live for this scope.</p>
        )}
        <section aria-label={`History of ${label}`} className="grid gap-2">
          <h3 className="flex items-center gap-1.5 text-sm font-medium">
            <History className="size-4 text-muted-foreground" aria-hidden="true" />
            History
          </h3>
          <ol className="grid gap-3">
            {scope.history.map((deployment) => (
              <HistoryEntry key={deployment.id} deployment={deployment} />
            ))}
          </ol>
        </section>
      </CardContent>
    </Card>
  );
}
