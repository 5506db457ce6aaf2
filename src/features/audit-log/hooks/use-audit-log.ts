import { useInfiniteQuery } from "@tanstack/react-query";
import { auditLogKeys } from "../api/audit-log-keys";
import { fetchAuditLogPage } from "../api/fetch-audit-log-page";
import type { AuditEntityType } from "../lib/audit-entry";

/** The audit log page by page ("Load more"), optionally narrowed to one entity type. */
export function useAuditLog(organizationId: string, entityType: AuditEntityType | null) {
  return useInfiniteQuery({
    queryKey: auditLogKeys.list(organizationId, entityType),
    queryFn: ({ pageParam }) => fetchAuditLogPage(organizationId, entityType, pageParam),
    initialPageParam: 0,
    getNextPageParam: (lastPage) => lastPage.nextOffset ?? undefined,
  });
}
