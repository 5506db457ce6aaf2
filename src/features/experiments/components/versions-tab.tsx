import { format, formatDistanceToNow } from "date-fns";
import { GitBranchIcon, GitCompareArrowsIcon, SplitIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { personName } from "@/features/profiles";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentDetail, ExperimentVersion } from "../api/fetch-experiment";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { PROVIDER_LABELS } from "../lib/experiment-status";
import { versionTree, type VersionNode } from "../lib/version-tree";
import { ForkExperimentDialog } from "./fork-experiment-dialog";
import { HELP, HelpTip } from "./help-tip";
import { NewVersionDialog } from "./new-version-dialog";

interface VersionsTabProps {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
  onCompare(fromVersionId: string, toVersionId: string): void;
  /** Opens "Add variant" with this version chosen. */
  onUseInVariant(versionId: string): void;
}

function VersionItem({
  node,
  experiment,
  options,
  onCompare,
  onUseInVariant,
  parent,
}: VersionsTabProps & { node: VersionNode; parent: ExperimentVersion | null }) {
  const { can } = useCurrentOrganization();
  const { version } = node;
  const foreign = version.experimentId !== experiment.id;
  const author = version.createdBy ? experiment.people.get(version.createdBy) : undefined;
  const createdAt = parseTimestamp(version.createdAt);
  const variants = experiment.variants.filter((variant) => variant.versionId === version.id);
  const branchPoint = node.children.length > 1;
  const canBranch = !foreign && experiment.status === "draft" && can("experiments.edit");

  return (
    <li className="grid gap-2">
      <article
        aria-label={`Version ${version.number}${foreign ? " of the source experiment" : ""}`}
        className="grid gap-2 rounded-lg border bg-card/60 p-3"
      >
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm font-semibold">v{version.number}</span>
          <Badge variant="outline" className="font-mono">
            <GitBranchIcon aria-hidden="true" />
            {version.branch}
          </Badge>
          {variants.map((variant) => (
            <Badge key={variant.id} variant="secondary">
              Variant: {variant.name || variant.key}
            </Badge>
          ))}
          {branchPoint && <Badge variant="outline">Branch point</Badge>}
          {foreign && <Badge variant="outline">From the source experiment</Badge>}
          <span className="ml-auto text-xs text-muted-foreground">
            {author ? personName(author) : "Former member"} ·{" "}
            <time dateTime={createdAt.toISOString()} title={format(createdAt, "d MMM yyyy, HH:mm")}>
              {formatDistanceToNow(createdAt, { addSuffix: true })}
            </time>
          </span>
        </div>
        <p className="text-sm">
          {version.changeMessage || (
            <span className="text-muted-foreground">No change message</span>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <span>
            {PROVIDER_LABELS[version.provider]} · <span className="font-mono">{version.model}</span>
          </span>
          {version.temperature !== null && <span>· temperature {version.temperature}</span>}
          {version.templateVersionId && <span>· from a template</span>}
          {parent && <span>· parent v{parent.number}</span>}
          <span className="ml-auto flex gap-1">
            {parent && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onCompare(parent.id, version.id)}
                aria-label={`Compare v${version.number} with its parent v${parent.number}`}
              >
                <GitCompareArrowsIcon aria-hidden="true" />
                Compare with parent
              </Button>
            )}
            {canBranch && variants.length === 0 && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onUseInVariant(version.id)}
                aria-label={`Use v${version.number} in a variant`}
              >
                <SplitIcon aria-hidden="true" />
                Use in a variant
              </Button>
            )}
            {canBranch && (
              <NewVersionDialog experiment={experiment} parent={version} options={options} />
            )}
          </span>
        </div>
      </article>
      {node.children.length > 0 && (
        <ul className="ml-4 grid gap-2 border-l border-border pl-4">
          {node.children.map((child) => (
            <VersionItem
              key={child.version.id}
              node={child}
              experiment={experiment}
              options={options}
              onCompare={onCompare}
              onUseInVariant={onUseInVariant}
              parent={version}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

export function VersionsTab({ experiment, options, onCompare, onUseInVariant }: VersionsTabProps) {
  const { can } = useCurrentOrganization();
  const roots = versionTree(experiment.versions);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="flex max-w-2xl items-center gap-1.5 text-sm text-muted-foreground">
          Versions are immutable snapshots. Editing means a new version from a parent; a parent with
          several children is where branches split.
          <HelpTip label="branch versus fork">{`${HELP.branch} ${HELP.fork}`}</HelpTip>
        </p>
        {can("experiments.edit") && <ForkExperimentDialog experiment={experiment} />}
      </div>
      {experiment.status !== "draft" && can("experiments.edit") && (
        <p className="text-sm text-muted-foreground">
          Versions can only be added while the experiment is a draft. Fork it to iterate.
        </p>
      )}
      <ul aria-label="Version history" className="grid gap-2">
        {roots.map((node) => (
          <VersionItem
            key={node.version.id}
            node={node}
            experiment={experiment}
            options={options}
            onCompare={onCompare}
            onUseInVariant={onUseInVariant}
            parent={null}
          />
        ))}
      </ul>
    </div>
  );
}
