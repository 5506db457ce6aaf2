import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import type { AppRole } from "@/lib/supabase";
import { changeMemberRole } from "../api/change-member-role";
import { memberKeys } from "../api/member-keys";

export interface RoleChange {
  userId: string;
  role: AppRole;
}

export function useChangeMemberRole(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: RoleChange) =>
      changeMemberRole({ organizationId, userId, role }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    // Refetch after a refusal too: someone else may have changed the member in the meantime.
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.list(organizationId) }),
  });
}
