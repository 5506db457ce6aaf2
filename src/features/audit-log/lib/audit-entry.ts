import type { Json } from "@/lib/database.types";

/** The entity types the database audits; the filter offers exactly these. */
export const AUDIT_ENTITY_TYPES = ["memberships", "invitations", "api_keys"] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const ENTITY_TYPE_LABELS: Record<AuditEntityType, string> = {
  memberships: "Member",
  invitations: "Invitation",
  api_keys: "API key",
};

export const ACTION_LABELS: Record<string, string> = {
  insert: "Created",
  update: "Updated",
  delete: "Deleted",
};

/** A row image as the audit trigger stored it: `to_jsonb(row)` minus secret columns. */
export type AuditRowImage = { [column: string]: Json | undefined };

export interface AuditEntry {
  id: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: AuditRowImage | null;
  after: AuditRowImage | null;
  createdAt: string;
}

/** How an entity type is named in the log; tables audited by other features read as words. */
export function entityTypeLabel(entityType: string): string {
  if (isAuditEntityType(entityType)) return ENTITY_TYPE_LABELS[entityType];
  const words = entityType.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isAuditEntityType(value: string | null | undefined): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value ?? "");
}
