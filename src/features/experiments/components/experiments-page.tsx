import { format, formatDistanceToNow } from "date-fns";
import { FlaskConicalIcon } from "lucide-react";
import { Link } from "react-router-dom";
import { z } from "zod";

import { PageHeader } from "@/components/page-header";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { useUrlFilters, type UrlFilterSchemas } from "@/features/filters";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentSummary } from "../api/fetch-experiments";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { useExperimentOptions } from "../hooks/use-experiment-options";
import { useExperiments } from "../hooks/use-experiments";
import { EXPERIMENT_STATUSES, STATUS_LABELS } from "../lib/experiment-status";
import { CreateExperimentDialog } from "./create-experiment-dialog";
import { ExperimentStatusBadge } from "./experiment-status-badge";

const ALL = "all";
const LIST_FILTERS = {
  status: z.enum(EXPERIMENT_STATUSES).optional(),
  capability: z.uuid().optional(),
} satisfies UrlFilterSchemas;

// Columns that give way below 1024 px, so name, status and the metric stay in view on a tablet.
const WIDE_ONLY = "hidden lg:table-cell";
const COLUMNS = [
  { label: "Name" },
  { label: "Capability" },
  { label: "Status" },
  { label: "Variants", className: "text-right" },
  { label: "Primary metric" },
  { label: "Author", className: WIDE_ONLY },
  { label: "Updated", className: WIDE_ONLY },
];

function ExperimentsHead() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        {COLUMNS.map((column) => (
          <TableHead key={column.label} className={column.className}>
            {column.label}
          </TableHead>
        ))}
      </TableRow>
    </TableHeader>
  );
}

function ExperimentsSkeleton() {
  return (
    <div className="rounded-xl border">
      <Table aria-busy="true" aria-label="Loading experiments">
        <ExperimentsHead />
        <TableBody>
          {Array.from({ length: 4 }, (_, index) => (
            <TableRow key={index} className="hover:bg-transparent">
              {COLUMNS.map((column) => (
                <TableCell key={column.label} className={column.className}>
                  <Skeleton className="h-4 w-20" />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ExperimentRow({
  experiment,
  options,
  slug,
}: {
  experiment: ExperimentSummary;
  options: ExperimentOptions | undefined;
  slug: string;
}) {
  const capability = options?.capabilities.find((entry) => entry.id === experiment.capabilityId);
  const metric = options?.metrics.find((entry) => entry.id === experiment.primaryMetricId);
  const updatedAt = parseTimestamp(experiment.updatedAt);
  return (
    <TableRow>
      <TableCell className="max-w-72 truncate font-medium">
        <Link
          to={`/o/${slug}/experiments/${experiment.id}`}
          className="rounded-sm outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
        >
          {experiment.name}
        </Link>
      </TableCell>
      <TableCell>
        {capability ? (
          <span title={capability.key}>{capability.name}</span>
        ) : (
          <Skeleton className="h-4 w-20" />
        )}
      </TableCell>
      <TableCell>
        <ExperimentStatusBadge status={experiment.status} />
      </TableCell>
      <TableCell className="text-right tabular-nums">{experiment.variantCount}</TableCell>
      <TableCell>
        {experiment.primaryMetricId === null ? (
          <span className="text-muted-foreground">Not chosen</span>
        ) : (
          (metric?.name ?? <Skeleton className="h-4 w-20" />)
        )}
      </TableCell>
      <TableCell className={`max-w-40 truncate ${WIDE_ONLY}`}>
        {experiment.authorName ?? <span className="text-muted-foreground">Former member</span>}
      </TableCell>
      <TableCell className={WIDE_ONLY}>
        <time dateTime={updatedAt.toISOString()} title={format(updatedAt, "d MMM yyyy, HH:mm")}>
          {formatDistanceToNow(updatedAt, { addSuffix: true })}
        </time>
      </TableCell>
    </TableRow>
  );
}

export function ExperimentsPage() {
  const { organization, can } = useCurrentOrganization();
  const { values, setFilters } = useUrlFilters(LIST_FILTERS);
  const filters = { status: values.status, capabilityId: values.capability };
  const experiments = useExperiments(organization.id, filters);
  const options = useExperimentOptions(organization.id);
  const filtered = Boolean(values.status || values.capability);

  let body;
  if (experiments.isPending) {
    body = <ExperimentsSkeleton />;
  } else if (experiments.isError) {
    body = (
      <QueryErrorAlert
        title="The experiments couldn't be loaded"
        error={experiments.error}
        onRetry={() => experiments.refetch()}
        isRetrying={experiments.isFetching}
      />
    );
  } else if (experiments.data.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={FlaskConicalIcon}
        title="No experiments match these filters"
        description="Try another status or capability, or clear the filters."
        action={
          <Button
            variant="outline"
            onClick={() => setFilters({ status: undefined, capability: undefined })}
          >
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={FlaskConicalIcon}
        title="No experiments yet"
        description={
          can("experiments.edit")
            ? "An experiment tests a change to a prompt, model or config against the current one, on real traffic, judged on an outcome metric. Start one with “New experiment”."
            : "An experiment tests a change to a prompt, model or config against the current one. Product managers and prompt engineers create them; they will appear here."
        }
      />
    );
  } else {
    body = (
      <div className="rounded-xl border">
        <Table>
          <ExperimentsHead />
          <TableBody>
            {experiments.data.map((experiment) => (
              <ExperimentRow
                key={experiment.id}
                experiment={experiment}
                options={options.data}
                slug={organization.slug}
              />
            ))}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <div>
      <title>{`Experiments · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Experiments"
        description="Versioned prompts, models and configs, tested against each other on live traffic, reviewed before they go live."
        actions={can("experiments.edit") ? <CreateExperimentDialog /> : null}
      />
      <div role="group" aria-label="Filter experiments" className="mb-4 flex flex-wrap gap-2">
        <Select
          value={values.status ?? ALL}
          onValueChange={(next) =>
            setFilters({
              status: next === ALL ? undefined : (next as (typeof EXPERIMENT_STATUSES)[number]),
            })
          }
        >
          <SelectTrigger className="w-44" aria-label="Status">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {EXPERIMENT_STATUSES.map((status) => (
              <SelectItem key={status} value={status}>
                {STATUS_LABELS[status]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={values.capability ?? ALL}
          onValueChange={(next) => setFilters({ capability: next === ALL ? undefined : next })}
        >
          <SelectTrigger className="w-56" aria-label="Capability">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All capabilities</SelectItem>
            {options.data?.capabilities.map((capability) => (
              <SelectItem key={capability.id} value={capability.id}>
                {capability.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {body}
    </div>
  );
}
