import { useState } from "react";
import { Link } from "react-router-dom";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentDetail } from "../api/fetch-experiment";
import type { ExperimentOptions, TaxonomyEntry } from "../api/fetch-experiment-options";
import { formatAllocation, PROVIDER_LABELS } from "../lib/experiment-status";
import { AllocationBar, variantFill } from "./allocation-bar";
import { AllocationEditor } from "./allocation-editor";
import { HELP, HelpTip } from "./help-tip";

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
}: {
  experiment: ExperimentDetail;
  options: ExperimentOptions;
}) {
  const { organization, can } = useCurrentOrganization();
  const [editing, setEditing] = useState(false);
  const capability = options.capabilities.find((entry) => entry.id === experiment.capabilityId);
  const primary = options.metrics.find((metric) => metric.id === experiment.primaryMetricId);
  const versionsById = new Map(experiment.versions.map((version) => [version.id, version]));
  const editable = experiment.status === "draft" && can("experiments.edit");

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
          {editable && !editing && experiment.variants.length > 0 && (
            <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
              Edit allocations
            </Button>
          )}
        </CardHeader>
        <CardContent className="grid gap-4">
          {experiment.variants.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No variants yet: add at least one before submitting.
            </p>
          ) : (
            <>
              <AllocationBar variants={experiment.variants} />
              {editing ? (
                <AllocationEditor variants={experiment.variants} onDone={() => setEditing(false)} />
              ) : (
                <ul className="grid gap-2">
                  {experiment.variants.map((variant, index) => {
                    const version = versionsById.get(variant.versionId);
                    return (
                      <li
                        key={variant.id}
                        className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
                      >
                        <span
                          aria-hidden="true"
                          className={`size-2.5 rounded-full ${variantFill(index)}`}
                        />
                        <span className="font-medium">{variant.name || variant.key}</span>
                        <code className="font-mono text-xs text-muted-foreground">
                          {variant.key}
                        </code>
                        {variant.isControl && <Badge variant="outline">Control</Badge>}
                        <span className="tabular-nums">
                          {formatAllocation(variant.allocationBp)}
                        </span>
                        {version && (
                          <span className="text-muted-foreground">
                            v{version.number} · {PROVIDER_LABELS[version.provider]} {version.model}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
