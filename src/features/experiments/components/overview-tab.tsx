import { useState } from "react";
import { PlusIcon, SplitIcon, TriangleAlertIcon } from "lucide-react";
import { Link } from "react-router-dom";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentDetail } from "../api/fetch-experiment";
import type { ExperimentOptions, TaxonomyEntry } from "../api/fetch-experiment-options";
import { formatAllocation } from "../lib/experiment-status";
import { AddVariantDialog, type AddVariantRequest } from "./add-variant-dialog";
import { AllocationBar } from "./allocation-bar";
import { AllocationEditor } from "./allocation-editor";
import { HELP, HelpTip } from "./help-tip";
import { VariantList } from "./variant-list";

function Names({ ids, entries, none }: { ids: string[]; entries: TaxonomyEntry[]; none: string }) {
  if (ids.length === 0) return <span className="text-muted-foreground">{none}</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {ids.map((id) => {
        const entry = entries.find((candidate) => candidate.id === id);
        return (
          <Badge key={id} variant="outline" title={entry?.description}>
            {entry?.name ?? "Unknown"}
          </Badge>
        );
      })}
    </div>
  );
}

function Term({
  label,
  help,
  children,
}: {
  label: string;
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-1">
      <dt className="flex items-center gap-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        {label}
        {help && <HelpTip label={label}>{help}</HelpTip>}
      </dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function OverviewTab({
  experiment,
  options,
  addVariant,
  onAddVariantChange,
}: {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
  /** The open "Add variant" dialog, also opened from the Versions tab; null when closed. */
  addVariant: AddVariantRequest | null;
  onAddVariantChange(request: AddVariantRequest | null): void;
}) {
  const { organization, can } = useCurrentOrganization();
  const [editing, setEditing] = useState(false);
  const capability = options.capabilities.find((entry) => entry.id === experiment.capabilityId);
  const primary = options.metrics.find((metric) => metric.id === experiment.primaryMetricId);
  const editable = experiment.status === "draft" && can("experiments.edit");
  const allocated = experiment.variants.reduce((sum, variant) => sum + variant.allocationBp, 0);

  function openAddVariant() {
    // Start from the newest version no variant uses yet: usually the one just created.
    const used = new Set(experiment.variants.map((variant) => variant.versionId));
    const unused = experiment.versions.findLast(
      (version) => version.experimentId === experiment.id && !used.has(version.id),
    );
    onAddVariantChange({ versionId: unused?.id ?? "" });
  }

  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <Card className="lg:col-span-3">
        <CardHeader>
          <CardTitle className="flex items-center gap-1.5 text-base">
            Hypothesis <HelpTip label="hypothesis">{HELP.hypothesis}</HelpTip>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <p className="text-sm whitespace-pre-wrap">
            {experiment.hypothesis || (
              <span className="text-muted-foreground">No hypothesis written yet.</span>
            )}
          </p>
          <dl className="grid gap-4 sm:grid-cols-3">
            <Term label="Capability" help={HELP.capability}>
              {capability ? (
                <span>
                  {capability.name}{" "}
                  <code className="font-mono text-xs text-muted-foreground">{capability.key}</code>
                </span>
              ) : (
                "Unknown"
              )}
            </Term>
            <Term label="Intents">
              <Names ids={experiment.intentIds} entries={options.intents} none="Any intent" />
            </Term>
            <Term label="Actions">
              <Names ids={experiment.actionIds} entries={options.actions} none="Any action" />
            </Term>
          </dl>
          {experiment.originExperimentId && (
            <p className="text-sm text-muted-foreground">
              Forked from{" "}
              <Link
                className="text-primary hover:underline"
                to={`/o/${organization.slug}/experiments/${experiment.originExperimentId}`}
              >
                another experiment
              </Link>
              .
            </p>
          )}
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle className="text-base">Metrics</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4">
            <Term label="Primary" help={HELP.primaryMetric}>
              {primary ? (
                <span>
                  {primary.name}{" "}
                  <span className="text-xs text-muted-foreground">
                    ({primary.direction === "higher_is_better" ? "higher" : "lower"} is better)
                  </span>
                </span>
              ) : (
                <span className="text-muted-foreground">
                  Not chosen yet: required to submit for review.
                </span>
              )}
            </Term>
            <Term label="Guardrails" help={HELP.guardrail}>
              <Names ids={experiment.guardrailMetricIds} entries={options.metrics} none="None" />
            </Term>
          </dl>
        </CardContent>
      </Card>
      <Card className="lg:col-span-5">
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle className="flex items-center gap-1.5 text-base">
            Variants and allocation <HelpTip label="allocation">{HELP.allocation}</HelpTip>
          </CardTitle>
          {editable && experiment.variants.length > 0 && (
            <div className="flex flex-wrap gap-2">
              {!editing && (
                <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
                  Edit allocations
                </Button>
              )}
              <Button size="sm" variant="outline" onClick={openAddVariant}>
                <PlusIcon aria-hidden="true" />
                Add variant
              </Button>
            </div>
          )}
        </CardHeader>
        <CardContent className="grid gap-4">
          {experiment.variants.length === 0 ? (
            <EmptyState
              icon={SplitIcon}
              title="No variants yet"
              description={
                editable
                  ? "A variant serves one of the versions to a share of the traffic. Add at least one before submitting."
                  : "A draft needs at least one variant before it can be submitted."
              }
              action={
                editable && (
                  <Button size="sm" onClick={openAddVariant}>
                    <PlusIcon aria-hidden="true" />
                    Add variant
                  </Button>
                )
              }
            />
          ) : (
            <>
              <AllocationBar variants={experiment.variants} />
              {editable && !editing && allocated !== 10000 && (
                <Alert variant="warning" role="status">
                  <TriangleAlertIcon />
                  <AlertDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    Allocations add up to {formatAllocation(allocated)}: they must add up to 100% to
                    submit.
                    <Button
                      size="sm"
                      variant="link"
                      className="h-auto p-0"
                      onClick={() => setEditing(true)}
                    >
                      Rebalance
                    </Button>
                  </AlertDescription>
                </Alert>
              )}
              {editing && editable ? (
                <AllocationEditor variants={experiment.variants} onDone={() => setEditing(false)} />
              ) : (
                <VariantList
                  experiment={experiment}
                  editable={editable}
                  onRemoved={(remaining) => {
                    const total = remaining.reduce((sum, variant) => sum + variant.allocationBp, 0);
                    if (remaining.length > 0 && total !== 10000) setEditing(true);
                  }}
                />
              )}
            </>
          )}
        </CardContent>
      </Card>
      {editable && (
        <AddVariantDialog
          experiment={experiment}
          request={addVariant}
          onClose={() => onAddVariantChange(null)}
          onAdded={() => {
            onAddVariantChange(null);
            // The new share changes the total: rebalance straight away.
            setEditing(true);
          }}
        />
      )}
    </div>
  );
}
