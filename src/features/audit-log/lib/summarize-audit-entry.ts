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
    default:
      return genericSummary(entry);
  }
}
