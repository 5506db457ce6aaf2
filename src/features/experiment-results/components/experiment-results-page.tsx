import { useMemo } from "react";
import { AlertTriangleIcon, ArrowLeftIcon, FlaskConicalIcon } from "lucide-react";
import { Link, useParams } from "react-router-dom";
import { z } from "zod";

import { analyzeExperiment, type ExperimentAnalysis } from "@shared/stats/index.ts";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useUrlFilters, type UrlFilterSchemas } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentResultsData } from "../api/fetch-experiment-results";
import { useExperimentResults } from "../hooks/use-experiment-results";
import { formatCount, formatP } from "../lib/format";
import { metricDisplays } from "../lib/metric-specs";
import { MetricResultsCard } from "./metric-results-card";
import { ResultsControls } from "./results-controls";
import { VerdictBadge } from "./verdict-badge";

// How the statistics are computed lives in the URL, so a shared link shows the same numbers.
const RESULT_OPTIONS = {
  correction: z.enum(["holm", "bh"]).default("holm"),
  sequential: z.stringbool().default(false),
  cuped: z.stringbool().default(false),
} satisfies UrlFilterSchemas;

const ALPHA = 0.05;

function ResultsSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the results">
      <Skeleton className="h-8 w-96" />
      <Skeleton className="h-12 w-full" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-56 w-full" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}

function SrmBanner({ analysis }: { analysis: ExperimentAnalysis }) {
  const { srm } = analysis;
  if (!srm) return null;
  if (!srm.mismatch) {
    return (
      <p className="text-sm text-muted-foreground">
        Traffic split matches the allocation (sample-ratio check p = {formatP(srm.pValue)}).
      </p>
    );
  }
  return (
    <Alert variant="destructive">
      <AlertTriangleIcon aria-hidden="true" />
      <AlertTitle>The traffic split doesn't match the allocation</AlertTitle>
      <AlertDescription>
        <p>
          The variants received a different number of units than their allocation predicts (sample
          ratio mismatch, p = {formatP(srm.pValue)}). Something drops or misroutes traffic for one
          variant, for example a variant that fails before it logs, bots, or redirects, so none of
          the numbers below can be trusted. Fix the assignment or logging, then restart the
          experiment.
        </p>
      </AlertDescription>
    </Alert>
  );
}

function NoDataState({ data }: { data: ExperimentResultsData }) {
  const { organization } = useCurrentOrganization();
  const notStarted = data.experiment.status === "draft" || data.experiment.status === "in_review";
  return (
    <EmptyState
      icon={FlaskConicalIcon}
      title={notStarted ? "This experiment hasn't started yet" : "No results yet"}
      description={
        notStarted
          ? "Results appear once the experiment is approved and activated and its variants start serving traffic."
          : "No runs recorded for this experiment's variants since it started. Check that your application resolves this experiment's capability (so users get a variant) and sends its runs through the SDK or the ingest API with the experiment and variant ids. Results refresh every minute."
      }
      action={
        <Link
          to={`/o/${organization.slug}/experiments/${data.experiment.id}`}
          className="text-sm font-medium text-primary underline-offset-4 hover:underline"
        >
          Back to the experiment
        </Link>
      }
    />
  );
}

function Summary({ analysis }: { analysis: ExperimentAnalysis }) {
  if (analysis.summary.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        This experiment has no primary metric, so there is no overall verdict: read each metric
        below.
      </p>
    );
  }
  return (
    <section aria-labelledby="summary-heading" className="grid gap-2">
      <h2 id="summary-heading" className="text-sm font-medium">
        Verdict on the primary metric
      </h2>
      <ul className="grid gap-2">
        {analysis.summary.map(({ variant, verdict }) => (
          <li
            key={variant.id}
            className="flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3"
          >
            <span className="font-medium">{variant.name}</span>
            <VerdictBadge decision={verdict.decision} />
            <span className="text-sm text-muted-foreground">{verdict.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResultsView({ data }: { data: ExperimentResultsData }) {
  const { values, setFilters } = useUrlFilters(RESULT_OPTIONS);
  const displays = useMemo(() => metricDisplays(data.metrics), [data.metrics]);
  const base = useMemo(
    () =>
      analyzeExperiment({
        variants: data.variants,
        metrics: displays.map((d) => d.spec),
        rows: data.rows,
        options: { alpha: ALPHA, correction: values.correction, sequential: values.sequential },
      }),
    [data, displays, values.correction, values.sequential],
  );
  const cupedUnavailable = base.cupedAvailable
    ? null
    : data.rows.some((row) => (row.preN ?? 0) > 0)
      ? "Unavailable: the pre-experiment data isn't paired unit by unit, which CUPED needs."
      : "Unavailable: none of these units were seen before the experiment started.";
  const cuped = values.cuped && cupedUnavailable === null;
  const analysis = useMemo(
    () =>
      cuped
        ? analyzeExperiment({
            variants: data.variants,
            metrics: displays.map((d) => d.spec),
            rows: data.rows,
            options: { ...base.options, cuped: true },
          })
        : base,
    [base, cuped, data, displays],
  );
  const control = data.variants.find((v) => v.isControl);
  const unitOf = new Map(displays.map((d) => [d.spec.key, d.unit]));
  const exposures = new Map<string, number>();
  for (const row of data.rows) {
    if (row.exposures !== null) {
      exposures.set(row.variantId, Math.max(exposures.get(row.variantId) ?? 0, row.exposures));
    }
  }

  return (
    <div className="grid grid-cols-1 gap-5">
      <ResultsControls
        correction={values.correction}
        sequential={values.sequential}
        cuped={cuped}
        cupedUnavailable={cupedUnavailable}
        onChange={(patch) => setFilters(patch)}
      />
      {analysis.empty ? (
        <NoDataState data={data} />
      ) : !control ? (
        <Alert variant="warning">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertTitle>No control variant</AlertTitle>
          <AlertDescription>
            Results compare every variant with the control. Mark one variant as control on the
            experiment's Overview.
          </AlertDescription>
        </Alert>
      ) : (
        <>
          <SrmBanner analysis={analysis} />
          <Summary analysis={analysis} />
          {analysis.metrics.map((metric) => (
            <MetricResultsCard
              key={metric.metric.key}
              analysis={metric}
              unit={unitOf.get(metric.metric.key) ?? ""}
              controlName={control.name}
              intervalLabel={values.sequential ? "95% always-valid interval" : "95% interval"}
            />
          ))}
          <p className="text-xs text-muted-foreground">
            Exposed units:{" "}
            {data.variants
              .map((v) => `${v.name} ${formatCount(exposures.get(v.id) ?? 0)}`)
              .join(" · ")}
            . A verdict needs an adjusted p-value below {ALPHA} and at least{" "}
            {analysis.options.minSampleSize} observations per variant; changes beyond ±
            {analysis.options.maxPlausibleLift * 100}% are flagged for a data check first.
          </p>
        </>
      )}
    </div>
  );
}

export function ExperimentResults({ experimentId }: { experimentId: string }) {
  const { organization } = useCurrentOrganization();
  const results = useExperimentResults(organization.id, experimentId);

  if (results.isPending) return <ResultsSkeleton />;
  if (results.isError) {
    return (
      <QueryErrorAlert
        title="The results couldn't be loaded"
        error={results.error}
        onRetry={() => void results.refetch()}
        isRetrying={results.isFetching}
      />
    );
  }
  const { experiment } = results.data;
  return (
    <div className="grid grid-cols-1 gap-5">
      <title>{`Results · ${experiment.name} · ${organization.name} · Causeway`}</title>
      <Link
        to={`/o/${organization.slug}/experiments/${experiment.id}`}
        className="flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ArrowLeftIcon className="size-4" aria-hidden="true" />
        {experiment.name}
      </Link>
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Results: {experiment.name}</h1>
        <p className="text-sm text-muted-foreground">
          {experiment.activatedAt
            ? `Started ${parseTimestamp(experiment.activatedAt).toLocaleDateString("en-US", { dateStyle: "medium" })}. `
            : ""}
          Each variant is compared with control on every metric; updated every minute.
        </p>
      </header>
      <ResultsView data={results.data} />
    </div>
  );
}

export function ExperimentResultsPage() {
  const { experimentId = "" } = useParams();
  return <ExperimentResults experimentId={experimentId} />;
}
