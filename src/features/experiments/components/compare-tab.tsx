import { Fragment, useState } from "react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useCurrentOrganization } from "@/features/organizations";
import type { Json } from "@/lib/database.types";
import { cn } from "@/lib/utils";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useVersionDiff } from "../hooks/use-version-diff";
import { PROVIDER_LABELS, type LlmProvider } from "../lib/experiment-status";
import { diffLines, diffStats } from "../lib/line-diff";

const FIELD_LABELS: Record<string, string> = {
  system_prompt: "System prompt",
  provider: "Provider",
  model: "Model",
  temperature: "Temperature",
  top_p: "Top p",
  max_tokens: "Max tokens",
  stop_sequences: "Stop sequences",
  tools: "Tools",
  params: "Extra parameters",
  template_version_id: "Template version",
  template_bindings: "Template bindings",
  branch: "Branch",
  change_message: "Change message",
};

function show(value: Json | null, field?: string): string {
  if (value === null || value === undefined) return "—";
  if (field === "provider" && typeof value === "string" && value in PROVIDER_LABELS) {
    return PROVIDER_LABELS[value as LlmProvider];
  }
  if (typeof value === "string") return value === "" ? "—" : value;
  return JSON.stringify(value, null, 2);
}

function PromptDiff({ from, to }: { from: string; to: string }) {
  const lines = diffLines(from, to);
  const stats = diffStats(lines);
  return (
    <section aria-label="Prompt diff" className="grid gap-2">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold">Prompt</h3>
        <span className="text-xs text-success">+{stats.added}</span>
        <span className="text-xs text-destructive">−{stats.removed}</span>
      </div>
      {lines.length === 0 ? (
        <p className="text-sm text-muted-foreground">Both prompts are empty.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border font-mono text-xs">
          <table className="w-full border-collapse">
            <tbody>
              {lines.map((line, index) => (
                <tr
                  key={index}
                  className={cn(
                    line.kind === "added" && "bg-success/15",
                    line.kind === "removed" && "bg-destructive/15",
                  )}
                >
                  <td className="w-10 px-2 py-0.5 text-right text-muted-foreground select-none">
                    {line.oldNumber ?? ""}
                  </td>
                  <td className="w-10 px-2 py-0.5 text-right text-muted-foreground select-none">
                    {line.newNumber ?? ""}
                  </td>
                  <td className="w-5 py-0.5 text-center select-none" aria-hidden="true">
                    {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : ""}
                  </td>
                  <td className="px-2 py-0.5 whitespace-pre-wrap">
                    {line.kind !== "same" && (
                      <span className="sr-only">
                        {line.kind === "added" ? "Added: " : "Removed: "}
                      </span>
                    )}
                    {line.text || " "}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VersionPicker({
  label,
  value,
  experiment,
  onChange,
}: {
  label: string;
  value: string | undefined;
  experiment: ExperimentDetail;
  onChange(versionId: string): void;
}) {
  return (
    <Select value={value ?? ""} onValueChange={onChange}>
      <SelectTrigger className="w-80 max-w-full" aria-label={label}>
        <SelectValue placeholder="Choose a version" />
      </SelectTrigger>
      <SelectContent>
        {experiment.versions.map((version) => (
          <SelectItem key={version.id} value={version.id}>
            v{version.number} · {version.branch} · {version.changeMessage || "no message"}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function CompareTab({
  experiment,
  fromVersionId,
  toVersionId,
  onChange,
}: {
  experiment: ExperimentDetail;
  fromVersionId: string | undefined;
  toVersionId: string | undefined;
  onChange(patch: { from?: string; to?: string }): void;
}) {
  const { organization } = useCurrentOrganization();
  const diff = useVersionDiff(organization.id, fromVersionId, toVersionId);
  const prompt = diff.data?.find((row) => row.field === "prompt");
  const [showUnchanged, setShowUnchanged] = useState(false);
  const allFields = diff.data?.filter((row) => row.field !== "prompt") ?? [];
  const unchangedCount = allFields.filter((row) => !row.changed).length;
  // Most fields rarely change between versions: the changed ones first, the rest on demand.
  const fields = showUnchanged ? allFields : allFields.filter((row) => row.changed);

  let body;
  if (!fromVersionId || !toVersionId) {
    body = (
      <p className="text-sm text-muted-foreground">
        Choose two versions to compare their prompt and config side by side.
      </p>
    );
  } else if (diff.isPending) {
    body = (
      <div className="grid gap-2" aria-busy="true" aria-label="Comparing versions">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  } else if (diff.isError) {
    body = (
      <QueryErrorAlert
        title="The versions couldn't be compared"
        error={diff.error}
        onRetry={() => diff.refetch()}
        isRetrying={diff.isFetching}
      />
    );
  } else {
    body = (
      <div className="grid gap-6">
        <PromptDiff
          from={show(prompt?.from ?? null).replace(/^—$/, "")}
          to={show(prompt?.to ?? null).replace(/^—$/, "")}
        />
        <section aria-label="Config diff" className="grid gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">Model and config</h3>
            {unchangedCount > 0 && (
              <Button variant="ghost" size="sm" onClick={() => setShowUnchanged((shown) => !shown)}>
                {showUnchanged
                  ? "Hide unchanged fields"
                  : `Show ${unchangedCount} unchanged ${unchangedCount === 1 ? "field" : "fields"}`}
              </Button>
            )}
          </div>
          {fields.length === 0 ? (
            <p className="text-sm text-muted-foreground">The model and config are identical.</p>
          ) : (
            <div className="grid grid-cols-[minmax(8rem,auto)_1fr_1fr] overflow-hidden rounded-lg border text-sm">
              <div className="border-b bg-muted/40 px-3 py-2 font-medium">Field</div>
              <div className="border-b bg-muted/40 px-3 py-2 font-medium">From</div>
              <div className="border-b bg-muted/40 px-3 py-2 font-medium">To</div>
              {fields.map((row) => (
                <Fragment key={row.field}>
                  <div className="flex items-start gap-2 border-b px-3 py-2">
                    {FIELD_LABELS[row.field] ?? row.field}
                    {row.changed && <Badge variant="warning">Changed</Badge>}
                  </div>
                  <pre
                    className={cn(
                      "overflow-x-auto border-b px-3 py-2 font-mono text-xs whitespace-pre-wrap",
                      row.changed && "bg-destructive/10",
                    )}
                  >
                    {show(row.from, row.field)}
                  </pre>
                  <pre
                    className={cn(
                      "overflow-x-auto border-b px-3 py-2 font-mono text-xs whitespace-pre-wrap",
                      row.changed && "bg-success/10",
                    )}
                  >
                    {show(row.to, row.field)}
                  </pre>
                </Fragment>
              ))}
            </div>
          )}
        </section>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <div
        role="group"
        aria-label="Versions to compare"
        className="flex flex-wrap items-center gap-2"
      >
        <VersionPicker
          label="From version"
          value={fromVersionId}
          experiment={experiment}
          onChange={(from) => onChange({ from })}
        />
        <span className="text-sm text-muted-foreground">→</span>
        <VersionPicker
          label="To version"
          value={toVersionId}
          experiment={experiment}
          onChange={(to) => onChange({ to })}
        />
      </div>
      {body}
    </div>
  );
}
