import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { memberKeys } from "../api/member-keys";
import { removeMember } from "../api/remove-member";

export function useRemoveMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember({ organizationId, userId }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.list(organizationId) }),
        queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
      ]),
  });
}
