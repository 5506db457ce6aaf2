import type { AuditEntityType } from "../lib/audit-entry";

/**
 * Query keys for the audit log. Other features invalidate `organization(id)` after a write the
 * database audits (members, invitations, API keys), so the log never shows a stale page.
 */
export const auditLogKeys = {
  all: ["audit-log"] as const,
  organization: (organizationId: string) => [...auditLogKeys.all, organizationId] as const,
  list: (organizationId: string, entityType: AuditEntityType | null) =>
    [...auditLogKeys.organization(organizationId), { entityType }] as const,
};
