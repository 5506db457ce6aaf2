import { useMemo } from "react";
import {
  AlertTriangleIcon,
  ArrowLeftIcon,
  FlaskConicalIcon,
  InfoIcon,
  RotateCw,
} from "lucide-react";
import { Link, useParams } from "react-router-dom";
import { z } from "zod";

import { analyzeExperiment, type ExperimentAnalysis } from "@shared/stats/index.ts";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useUrlFilters, type UrlFilterSchemas } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { errorMessage } from "@/lib/request-error";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentResultsData } from "../api/fetch-experiment-results";
import { useCupedStats } from "../hooks/use-cuped-stats";
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

function CupedLoading() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the pre-experiment data">
      <p className="text-sm text-muted-foreground">
        Reading each unit's data from before the experiment started…
      </p>
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}

function CupedError({
  error,
  onRetry,
  isRetrying,
  onTurnOff,
}: {
  error: unknown;
  onRetry(): void;
  isRetrying: boolean;
  onTurnOff(): void;
}) {
  return (
    <Alert variant="destructive">
      <AlertTriangleIcon aria-hidden="true" />
      <AlertTitle>CUPED couldn't be computed</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        <p>Try again, or turn CUPED off to see the unadjusted results.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={onRetry} disabled={isRetrying}>
            <RotateCw className={isRetrying ? "animate-spin" : undefined} aria-hidden="true" />
            Try again
          </Button>
          <Button variant="outline" size="sm" onClick={onTurnOff}>
            Turn CUPED off
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}

/** CUPED is on, but there is nothing before the start to adjust with: say so, don't pretend. */
function NoPrePeriodNotice() {
  return (
    <Alert>
      <InfoIcon aria-hidden="true" />
      <AlertTitle>No pre-experiment data for CUPED</AlertTitle>
      <AlertDescription>
        <p>
          None of this experiment's units had runs in the same length of time before it started, so
          CUPED has nothing to adjust with and the results below are not adjusted. Runs count for a
          unit when their end_user_id is the unit_id the variant was served to.
        </p>
      </AlertDescription>
    </Alert>
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
  const { organization } = useCurrentOrganization();
  const { values, setFilters } = useUrlFilters(RESULT_OPTIONS);
  const displays = useMemo(() => metricDisplays(data.metrics), [data.metrics]);
  const cupedUnavailable = data.experiment.activatedAt
    ? null
    : "Available once the experiment has started: it compares each unit with its own behaviour before the start.";
  const cuped = values.cuped && cupedUnavailable === null;
  const cupedStats = useCupedStats(organization.id, data.experiment.id, cuped);
  const cupedRows = cuped ? cupedStats.data : undefined;
  const noPrePeriod = cupedRows !== undefined && !cupedRows.some((row) => row.unitsWithPre > 0);
  const adjusted = cupedRows !== undefined && !noPrePeriod;
  const analysis = useMemo(
    () =>
      analyzeExperiment({
        variants: data.variants,
        metrics: displays.map((d) => d.spec),
        rows: data.rows,
        cupedRows: adjusted ? cupedRows : undefined,
        options: {
          alpha: ALPHA,
          correction: values.correction,
          sequential: values.sequential,
          cuped: adjusted,
        },
      }),
    [data, displays, values.correction, values.sequential, adjusted, cupedRows],
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
      {cuped && cupedStats.isPending ? (
        <CupedLoading />
      ) : cuped && cupedStats.isError ? (
        <CupedError
          error={cupedStats.error}
          onRetry={() => void cupedStats.refetch()}
          isRetrying={cupedStats.isFetching}
          onTurnOff={() => setFilters({ cuped: false })}
        />
      ) : analysis.empty ? (
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
          {noPrePeriod && <NoPrePeriodNotice />}
          {adjusted && (
            <p className="text-sm text-muted-foreground">
              CUPED is on: each metric is compared on its average per unit, adjusted with the same
              unit's average before the experiment started. A metric no unit had before the start is
              compared per observation, as without CUPED.
            </p>
          )}
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
            {analysis.options.minSampleSize} observations per variant
            {adjusted ? " (units, where CUPED adjusted the metric)" : ""}; changes beyond ±
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
