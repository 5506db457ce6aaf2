import { useState, type ReactNode } from "react";
import { SearchX, ThumbsDown, ThumbsUp } from "lucide-react";

import { CopyButton } from "@/components/copy-button";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
} from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { useCurrentOrganization } from "@/features/organizations";
import type { RunDetail } from "../api/fetch-run-detail";
import { useRunDetail } from "../hooks/use-run-detail";
import { formatCost, formatCount, formatLatency, formatMode, formatRunTime } from "../lib/format";
import { RunStatusBadge } from "./run-status-badge";
import { RunTextSection } from "./run-text-section";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `run-section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h3 id={id} className="text-sm font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Fields({ fields }: { fields: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {fields.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 break-words">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A taxonomy value by its name, with the key that runs send beside it; null without a key. */
function taxonomyValue(name: string | null, key: string | null): ReactNode {
  if (key === null) return null;
  if (name === null) return <span className="font-mono text-xs">{key}</span>;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span>{name}</span>
      <span className="font-mono text-xs text-muted-foreground">{key}</span>
    </span>
  );
}

function Nothing({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted-foreground">{children}</p>;
}

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-64 overflow-auto rounded-md border bg-background/60 p-3 font-mono text-xs"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Thumbs({ thumbs }: { thumbs: "up" | "down" | null }) {
  if (thumbs === null) return <>—</>;
  const Icon = thumbs === "up" ? ThumbsUp : ThumbsDown;
  return (
    <span className="inline-flex items-center gap-1">
      <Icon className="size-4" aria-hidden="true" />
      {thumbs === "up" ? "Thumbs up" : "Thumbs down"}
    </span>
  );
}

function RunDetailBody({ run, canReadText }: { run: RunDetail; canReadText: boolean }) {
  const { organization } = useCurrentOrganization();
  const version = run.version;
  return (
    <div className="space-y-6 px-4 pb-6">
      {run.status !== "ok" && (
        <Alert variant="destructive">
          <AlertTitle>
            {run.status === "error"
              ? "Error"
              : run.status === "timeout"
                ? "Timed out"
                : "Cancelled"}
            {run.errorType ? `: ${run.errorType}` : ""}
          </AlertTitle>
          <AlertDescription>{run.errorMessage ?? "No error message was sent."}</AlertDescription>
        </Alert>
      )}

      <Section title="Summary">
        <Fields
          fields={[
            ["Status", <RunStatusBadge key="status" status={run.status} />],
            ["Occurred", formatRunTime(run.occurredAt)],
            ["Received", formatRunTime(run.receivedAt)],
            ["Capability", taxonomyValue(run.capabilityName, run.capability)],
            ["Action", taxonomyValue(run.actionName, run.action)],
            ["Intent", taxonomyValue(run.intentName, run.intent)],
            ["Provider / model", [run.provider, run.model].filter(Boolean).join(" / ") || null],
            ["Latency", formatLatency(run.latencyMs)],
            ["Time to first token", formatLatency(run.ttftMs)],
            [
              "Tokens",
              `${formatCount(run.tokensIn)} in · ${formatCount(run.tokensOut)} out · ${formatCount(run.tokensCached)} cached`,
            ],
            ["Cost", formatCost(run.costUsd)],
            ["Mode", formatMode(run.isManual)],
            ["Account", run.account],
            ["End user", run.endUserId],
            ["Conversation", run.conversationId],
            ["External id", run.externalId],
          ]}
        />
      </Section>

      <Section title="Prompt and response">
        <RunTextSection organizationId={organization.id} runId={run.id} allowed={canReadText} />
      </Section>

      <Section title="Configuration">
        {version ? (
          <Fields
            fields={[
              ["Experiment", version.experimentName],
              ["Version", `v${version.number} · ${version.branch} · ${version.changeMessage}`],
              ["Variant", version.variantLabel],
              ["Provider / model", `${version.provider} / ${version.model}`],
              ["Temperature", version.temperature],
              ["Top p", version.topP],
              ["Max tokens", version.maxTokens === null ? null : formatCount(version.maxTokens)],
              [
                "Other parameters",
                Object.keys(version.params ?? {}).length > 0 ? (
                  <Json value={version.params} label="Other parameters" />
                ) : null,
              ],
            ]}
          />
        ) : (
          <Nothing>
            {run.versionId
              ? "This run names a version that is not in this organization."
              : "Not served by an experiment version."}
          </Nothing>
        )}
      </Section>

      <Section title="Tool calls">
        {run.toolCalls.length === 0 ? (
          <Nothing>No tool calls.</Nothing>
        ) : (
          <Table aria-label="Tool calls">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Tool</TableHead>
                <TableHead className="text-right">Duration</TableHead>
                <TableHead>Result</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {run.toolCalls.map((call, index) => (
                <TableRow key={index}>
                  <TableCell className="font-mono text-xs">{call.name}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatLatency(call.durationMs)}
                  </TableCell>
                  <TableCell>{call.ok ? "OK" : "Failed"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section title="Lifecycle events">
        {run.lifecycle.length === 0 ? (
          <Nothing>No run_completed or run_failed events for this run.</Nothing>
        ) : (
          <ul className="space-y-2 text-sm">
            {run.lifecycle.map((event) => (
              <li key={event.id} className="rounded-md border p-2">
                <div className="flex flex-wrap justify-between gap-2">
                  <span className="font-mono text-xs">{event.type}</span>
                  <span className="text-muted-foreground">{formatRunTime(event.occurredAt)}</span>
                </div>
                {event.durationMs !== null && <div>Duration {formatLatency(event.durationMs)}</div>}
                {event.errorType && (
                  <div className="text-destructive">
                    {event.errorType}: {event.errorMessage}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Feedback">
        {run.feedback.length === 0 ? (
          <Nothing>No feedback on this run.</Nothing>
        ) : (
          <ul className="space-y-2 text-sm">
            {run.feedback.map((item) => (
              <li key={item.id} className="space-y-1 rounded-md border p-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="flex items-center gap-3">
                    <Thumbs thumbs={item.thumbs} />
                    {item.rating !== null && <span>Rating {item.rating}/5</span>}
                  </span>
                  <span className="text-muted-foreground">{formatRunTime(item.occurredAt)}</span>
                </div>
                {item.comment && <p className="whitespace-pre-wrap">{item.comment}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Outcomes">
        {run.outcomes.length === 0 ? (
          <Nothing>No outcomes linked to this run yet.</Nothing>
        ) : (
          <Table aria-label="Outcomes">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Metric</TableHead>
                <TableHead className="text-right">Value</TableHead>
                <TableHead>Source</TableHead>
                <TableHead>Time</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {run.outcomes.map((outcome) => (
                <TableRow key={outcome.id}>
                  <TableCell className="font-mono text-xs">{outcome.metricKey}</TableCell>
                  <TableCell className="text-right tabular-nums">{outcome.value}</TableCell>
                  <TableCell>{outcome.source}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {formatRunTime(outcome.occurredAt)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section title="Metadata">
        {run.metadata && Object.keys(run.metadata).length > 0 ? (
          <Json value={run.metadata} label="Metadata JSON" />
        ) : (
          <Nothing>No metadata.</Nothing>
        )}
      </Section>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the run" className="space-y-4 px-4">
      <Skeleton className="h-5 w-40" />
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-4 w-full" />
      ))}
      <Skeleton className="h-24 w-full" />
    </div>
  );
}

interface RunDetailSheetProps {
  runId: string | undefined;
  onClose(): void;
}

// With no Sheet trigger, Radix would move focus to the page's start on close: back to the run's
// row instead, so keyboard users carry on where they were.
function focusRunRow(event: Event, runId: string | undefined) {
  const row = runId
    ? document.querySelector<HTMLElement>(`tr[data-run-id="${CSS.escape(runId)}"]`)
    : null;
  if (!row) return;
  event.preventDefault();
  row.focus();
}

/** The run named by ?run=, in a drawer; Esc or the close button closes it. */
export function RunDetailSheet({ runId, onClose }: RunDetailSheetProps) {
  const { organization, can } = useCurrentOrganization();
  const detail = useRunDetail(organization.id, runId);
  // The id is gone from the URL by the time the drawer finishes closing.
  const [lastRunId, setLastRunId] = useState(runId);
  if (runId !== undefined && runId !== lastRunId) setLastRunId(runId);

  let body;
  if (detail.isPending) {
    body = <DetailSkeleton />;
  } else if (detail.isError) {
    body = (
      <div className="px-4">
        <QueryErrorAlert
          title="The run couldn't be loaded"
          error={detail.error}
          onRetry={() => detail.refetch()}
          isRetrying={detail.isFetching}
        />
      </div>
    );
  } else if (!detail.data) {
    body = (
      <div className="px-4">
        <EmptyState
          icon={SearchX}
          title="Run not found"
          description={`No run with this id in ${organization.name}. The link may be for another organization.`}
        />
      </div>
    );
  } else {
    body = <RunDetailBody run={detail.data} canReadText={can("runs.readText")} />;
  }

  return (
    <Sheet open={runId !== undefined} onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        className="w-full overflow-y-auto sm:max-w-2xl"
        onCloseAutoFocus={(event) => focusRunRow(event, lastRunId)}
      >
        <SheetHeader className="pr-12">
          <SheetTitle>Run details</SheetTitle>
          <SheetDescription className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs break-all">{runId}</span>
            {runId && <CopyButton value={runId} label="run id" />}
          </SheetDescription>
        </SheetHeader>
        {body}
      </SheetContent>
    </Sheet>
  );
}
