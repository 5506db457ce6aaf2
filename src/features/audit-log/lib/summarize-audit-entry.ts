import { ROLE_LABELS } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";
import { entityTypeLabel, type AuditEntry, type AuditRowImage } from "./audit-entry";

/** Names a user id for a sentence (their email), or undefined when their profile isn't visible. */
export type NamePerson = (userId: string) => string | undefined;

const FORMER_MEMBER = "a former member";

function text(row: AuditRowImage | null, column: string): string | undefined {
  const value = row?.[column];
  return typeof value === "string" ? value : undefined;
}

function roleLabel(role: string | undefined): string {
  if (!role) return "an unknown role";
  return ROLE_LABELS[role as AppRole] ?? role;
}

function becameSet(entry: AuditEntry, column: string): boolean {
  return text(entry.before, column) === undefined && text(entry.after, column) !== undefined;
}

function changed(entry: AuditEntry, column: string): boolean {
  return JSON.stringify(entry.before?.[column]) !== JSON.stringify(entry.after?.[column]);
}

function summarizeMembership(entry: AuditEntry, namePerson: NamePerson): string {
  const subjectId = text(entry.after, "user_id") ?? text(entry.before, "user_id");
  const who = (subjectId && namePerson(subjectId)) || FORMER_MEMBER;
  // No actor means the database acted on the person's own behalf (an invitation accepted at
  // sign-up); the person themselves as actor means they joined, stepped down or left.
  const bySubject = entry.actorId === null || entry.actorId === subjectId;
  switch (entry.action) {
    case "insert":
      return bySubject
        ? `${who} joined as ${roleLabel(text(entry.after, "role"))}`
        : `Added ${who} as ${roleLabel(text(entry.after, "role"))}`;
    case "update": {
      if (!changed(entry, "role")) return `Updated the membership of ${who}`;
      const from = roleLabel(text(entry.before, "role"));
      const to = roleLabel(text(entry.after, "role"));
      return entry.actorId === subjectId
        ? `${who} changed their own role from ${from} to ${to}`
        : `Changed role of ${who} from ${from} to ${to}`;
    }
    case "delete":
      return entry.actorId === subjectId
        ? `${who} left the organization`
        : `Removed ${who} (${roleLabel(text(entry.before, "role"))})`;
    default:
      return genericSummary(entry);
  }
}

function summarizeInvitation(entry: AuditEntry): string {
  const email = text(entry.after, "email") ?? text(entry.before, "email") ?? "an unknown address";
  switch (entry.action) {
    case "insert":
      return `Invited ${email} as ${roleLabel(text(entry.after, "role"))}`;
    case "update":
      if (becameSet(entry, "accepted_at")) {
        return `${email} accepted the invitation as ${roleLabel(text(entry.after, "role"))}`;
      }
      if (becameSet(entry, "revoked_at")) return `Revoked the invitation for ${email}`;
      if (changed(entry, "expires_at")) return `Changed when the invitation for ${email} expires`;
      return `Updated the invitation for ${email}`;
    case "delete":
      return `Deleted the invitation for ${email}`;
    default:
      return genericSummary(entry);
  }
}

function scopeList(row: AuditRowImage | null): string {
  const scopes = row?.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0) return "";
  return ` with ${scopes.length === 1 ? "scope" : "scopes"} ${scopes.join(", ")}`;
}

function summarizeApiKey(entry: AuditEntry): string {
  const name = text(entry.after, "name") ?? text(entry.before, "name");
  const key = name ? `API key '${name}'` : "an API key";
  switch (entry.action) {
    case "insert":
      return `Created ${key}${scopeList(entry.after)}`;
    case "update":
      if (becameSet(entry, "revoked_at")) return `Revoked ${key}`;
      if (changed(entry, "name")) {
        return `Renamed API key '${text(entry.before, "name")}' to '${text(entry.after, "name")}'`;
      }
      return `Updated ${key}`;
    case "delete":
      return `Deleted ${key}`;
    default:
      return genericSummary(entry);
  }
}

// Experiments and their parts read as "<who> <did what>": the experiment's page shows them
// without an actor column.
function actorName(entry: AuditEntry, namePerson: NamePerson): string {
  if (!entry.actorId) return "The system";
  return namePerson(entry.actorId) ?? "A former member";
}

const STATUS_VERBS: Record<string, string> = {
  in_review: "submitted {name} for review",
  active: "activated {name}",
  paused: "paused {name}",
  archived: "archived {name}",
};

function summarizeExperiment(entry: AuditEntry, namePerson: NamePerson): string {
  const who = actorName(entry, namePerson);
  const name = text(entry.after, "name") ?? text(entry.before, "name");
  const quoted = name ? `'${name}'` : "an experiment";
  if (entry.action === "insert") return `${who} created ${quoted}`;
  if (entry.action !== "update") return genericSummary(entry);
  const from = text(entry.before, "status");
  const to = text(entry.after, "status");
  if (from !== to && to) {
    // Withdrawn by an editor or sent back by a change request: the review entry says which.
    if (to === "draft") return `${who} sent ${quoted} back to draft`;
    if (to === "active" && from === "paused") return `${who} resumed ${quoted}`;
    const verb = STATUS_VERBS[to];
    if (verb) return `${who} ${verb.replace("{name}", quoted)}`;
  }
  if (changed(entry, "name")) {
    return `${who} renamed '${text(entry.before, "name")}' to '${text(entry.after, "name")}'`;
  }
  return `${who} edited ${quoted}`;
}

function summarizeVersion(entry: AuditEntry, namePerson: NamePerson): string {
  const row = entry.after ?? entry.before;
  const number = row?.number;
  const label = typeof number === "number" ? `version v${number}` : "a version";
  const message = text(row, "change_message");
  const branch = text(row, "branch");
  const onBranch = branch && branch !== "main" ? ` on branch ${branch}` : "";
  return `${actorName(entry, namePerson)} created ${label}${onBranch}${message ? `: '${message}'` : ""}`;
}

function summarizeVariant(entry: AuditEntry, namePerson: NamePerson): string {
  const who = actorName(entry, namePerson);
  const key = text(entry.after, "key") ?? text(entry.before, "key");
  const variant = key ? `variant '${key}'` : "a variant";
  switch (entry.action) {
    case "insert":
      return `${who} added ${variant}`;
    case "delete":
      return `${who} removed ${variant}`;
    default: {
      const before = entry.before?.allocation_bp;
      const after = entry.after?.allocation_bp;
      if (typeof before === "number" && typeof after === "number" && before !== after) {
        return `${who} changed the allocation of ${variant} from ${before / 100}% to ${after / 100}%`;
      }
      return `${who} edited ${variant}`;
    }
  }
}

function summarizeReview(entry: AuditEntry, namePerson: NamePerson): string {
  const who = actorName(entry, namePerson);
  const comment = text(entry.after, "comment");
  const round = entry.after?.round;
  const inRound = typeof round === "number" ? ` (review round ${round})` : "";
  const said = comment ? `: '${comment}'` : "";
  return text(entry.after, "decision") === "changes_requested"
    ? `${who} requested changes${inRound}${said}`
    : `${who} approved the experiment${inRound}${said}`;
}

function summarizeDeployment(entry: AuditEntry, namePerson: NamePerson): string {
  const who = actorName(entry, namePerson);
  const note = text(entry.after, "note");
  const why = note ? `: '${note}'` : "";
  if (entry.action === "update" && becameSet(entry, "superseded_at")) {
    return "A newer deployment replaced this one";
  }
  if (entry.action !== "insert") return genericSummary(entry);
  return text(entry.after, "kind") === "rollback"
    ? `${who} rolled back a deployment${why}`
    : `${who} deployed${entry.after?.experiment_id ? " the experiment" : " a version"}${why}`;
}

function genericSummary(entry: AuditEntry): string {
  const verb = { insert: "Created", update: "Updated", delete: "Deleted" }[entry.action];
  const entity = entityTypeLabel(entry.entityType).toLowerCase();
  return `${verb ?? `Changed (${entry.action})`} ${entity} ${entry.entityId}`;
}

/** One sentence saying what an audit entry records, e.g. "Revoked API key 'CI'". */
export function summarizeAuditEntry(entry: AuditEntry, namePerson: NamePerson): string {
  switch (entry.entityType) {
    case "memberships":
      return summarizeMembership(entry, namePerson);
    case "invitations":
      return summarizeInvitation(entry);
    case "api_keys":
      return summarizeApiKey(entry);
    case "experiments":
      return summarizeExperiment(entry, namePerson);
    case "experiment_versions":
      return summarizeVersion(entry, namePerson);
    case "experiment_variants":
      return summarizeVariant(entry, namePerson);
    case "experiment_reviews":
      return summarizeReview(entry, namePerson);
    case "deployments":
      return summarizeDeployment(entry, namePerson);
    default:
      return genericSummary(entry);
  }
}
