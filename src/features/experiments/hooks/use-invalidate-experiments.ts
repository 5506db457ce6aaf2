import { useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { notificationKeys } from "@/features/notifications";
import { experimentKeys } from "../api/experiment-keys";

/**
 * After any experiment write: the list, the open experiment, the audit log and the inbox (the
 * database notifies reviewers and authors) may all have changed.
 */
export function useInvalidateExperiments(organizationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: experimentKeys.organization(organizationId) }),
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
      queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    ]);
}
