import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { invitationKeys } from "../api/member-keys";
import { reinvite, type ReinviteInput } from "../api/reinvite";

export function useReinvite(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation: Omit<ReinviteInput, "organizationId">) =>
      reinvite({ organizationId, ...invitation }),
    // Settled, not success: if the new invitation failed, the old one may already be revoked.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationKeys.pending(organizationId) }),
        queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
      ]),
  });
}
