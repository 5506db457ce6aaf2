export { AuditLogPage } from "./components/audit-log-page";
export { auditLogKeys } from "./api/audit-log-keys";
export { summarizeAuditEntry } from "./lib/summarize-audit-entry";
export type { AuditEntry } from "./lib/audit-entry";
