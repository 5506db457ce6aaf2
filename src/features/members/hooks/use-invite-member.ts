import { useMutation, useQueryClient } from "@tanstack/react-query";
import { auditLogKeys } from "@/features/audit-log";
import { inviteMember, type InviteMemberInput } from "../api/invite-member";
import { invitationKeys } from "../api/member-keys";

export function useInviteMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation: Omit<InviteMemberInput, "organizationId">) =>
      inviteMember({ organizationId, ...invitation }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: invitationKeys.pending(organizationId) }),
        queryClient.invalidateQueries({ queryKey: auditLogKeys.organization(organizationId) }),
      ]),
  });
}
