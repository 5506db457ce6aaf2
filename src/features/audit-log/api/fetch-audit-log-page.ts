import { fetchProfilesByIds, type ProfileSummary } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { AuditEntityType, AuditEntry, AuditRowImage } from "../lib/audit-entry";

const AUDIT_LOG_PAGE_SIZE = 50;

export interface AuditLogPage {
  entries: AuditEntry[];
  /** Actors and the members that membership entries are about, keyed by user id. */
  people: Map<string, ProfileSummary>;
  /** Offset of the next page, or null when this page reaches the oldest entry. */
  nextOffset: number | null;
}

function asRowImage(value: unknown): AuditRowImage | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as AuditRowImage)
    : null;
}

/** One page of the organization's audit log, newest first. */
export async function fetchAuditLogPage(
  organizationId: string,
  entityType: AuditEntityType | null,
  offset: number,
): Promise<AuditLogPage> {
  let query = supabase
    .from("audit_log")
    .select("id, actor_id, action, entity_type, entity_id, before, after, created_at")
    .eq("organization_id", organizationId);
  if (entityType) query = query.eq("entity_type", entityType);
  // One row beyond the page says whether another page exists without a count query. Rows of one
  // transaction share created_at, so id breaks the tie and keeps pages stable.
  const response = await query
    .order("created_at", { ascending: false })
    .order("id", { ascending: false })
    .range(offset, offset + AUDIT_LOG_PAGE_SIZE);
  if (response.error) throw toRequestError("Couldn't load the audit log", response);
  const { data } = response;

  const entries: AuditEntry[] = data.slice(0, AUDIT_LOG_PAGE_SIZE).map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: asRowImage(row.before),
    after: asRowImage(row.after),
    createdAt: row.created_at,
  }));

  const memberIds = entries
    .filter((entry) => entry.entityType === "memberships")
    .map((entry) => entry.after?.user_id ?? entry.before?.user_id)
    .filter((id): id is string => typeof id === "string");
  const people = await fetchProfilesByIds([...entries.map((entry) => entry.actorId), ...memberIds]);

  return {
    entries,
    people,
    nextOffset: data.length > AUDIT_LOG_PAGE_SIZE ? offset + AUDIT_LOG_PAGE_SIZE : null,
  };
}
