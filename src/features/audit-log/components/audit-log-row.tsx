import { Fragment, useId, useState } from "react";
import { format, formatDistanceToNow } from "date-fns";
import { ChevronDownIcon, ChevronRightIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { personName, type ProfileSummary } from "@/features/profiles";
import { parseTimestamp } from "@/lib/timestamps";
import { ACTION_LABELS, entityTypeLabel, type AuditEntry } from "../lib/audit-entry";
import { summarizeAuditEntry } from "../lib/summarize-audit-entry";
import { AuditChangeDiff } from "./audit-change-diff";

const ACTION_VARIANTS = { insert: "success", update: "secondary", delete: "destructive" } as const;
// The diff row spans the whole table.
const COLUMN_COUNT = 6;

function Actor({
  actorId,
  people,
}: {
  actorId: string | null;
  people: Map<string, ProfileSummary>;
}) {
  if (!actorId) {
    return <span className="text-muted-foreground">System</span>;
  }
  const profile = people.get(actorId);
  if (!profile) return <span className="text-muted-foreground">Former member</span>;
  const name = personName(profile);
  return (
    <div className="min-w-0">
      <div className="truncate">{name}</div>
      {name !== profile.email && (
        <div className="truncate text-xs text-muted-foreground">{profile.email}</div>
      )}
    </div>
  );
}

interface AuditLogRowProps {
  entry: AuditEntry;
  people: Map<string, ProfileSummary>;
}

export function AuditLogRow({ entry, people }: AuditLogRowProps) {
  const [expanded, setExpanded] = useState(false);
  const diffId = useId();
  const createdAt = parseTimestamp(entry.createdAt);
  const summary = summarizeAuditEntry(entry, (userId) => people.get(userId)?.email);
  const actionVariant = ACTION_VARIANTS[entry.action as keyof typeof ACTION_VARIANTS] ?? "outline";

  return (
    <Fragment>
      <TableRow data-state={expanded ? "selected" : undefined}>
        <TableCell className="align-top">
          <time dateTime={createdAt.toISOString()} className="block">
            {format(createdAt, "d MMM yyyy, HH:mm:ss")}
          </time>
          <span className="text-xs text-muted-foreground">
            {formatDistanceToNow(createdAt, { addSuffix: true, includeSeconds: true })}
          </span>
        </TableCell>
        <TableCell className="max-w-40 align-top lg:max-w-48">
          <Actor actorId={entry.actorId} people={people} />
        </TableCell>
        {/* Below 1024 px the summary alone says what changed: it starts with the verb and names the thing. */}
        <TableCell className="hidden align-top lg:table-cell">
          <Badge variant={actionVariant}>{ACTION_LABELS[entry.action] ?? entry.action}</Badge>
        </TableCell>
        <TableCell className="hidden align-top whitespace-normal lg:table-cell">
          {entityTypeLabel(entry.entityType)}
        </TableCell>
        <TableCell className="min-w-56 align-top whitespace-normal">{summary}</TableCell>
        <TableCell className="w-px align-top">
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={expanded}
            aria-controls={expanded ? diffId : undefined}
            onClick={() => setExpanded((open) => !open)}
            aria-label={`${expanded ? "Hide changes" : "Show changes"}: ${summary}`}
          >
            {expanded ? (
              <ChevronDownIcon aria-hidden="true" />
            ) : (
              <ChevronRightIcon aria-hidden="true" />
            )}
            <span className="hidden lg:inline">{expanded ? "Hide changes" : "Show changes"}</span>
          </Button>
        </TableCell>
      </TableRow>
      {expanded && (
        <TableRow className="hover:bg-transparent">
          <TableCell colSpan={COLUMN_COUNT} className="bg-muted/30 px-4 py-3 whitespace-normal">
            <AuditChangeDiff entry={entry} id={diffId} />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}
