import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { invitationKeys } from "../api/member-keys";
import { revokeInvitation } from "../api/revoke-invitation";

export function useRevokeInvitation(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeInvitation(invitationId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: invitationKeys.pending(organizationId) }),
  });
}
