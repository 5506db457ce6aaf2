import type { AppRole } from "@/lib/supabase";
import { inviteMember } from "./invite-member";
import { revokeInvitation } from "./revoke-invitation";

export interface ReinviteInput {
  organizationId: string;
  invitationId: string;
  email: string;
  role: AppRole;
  invitedBy: string;
}

/**
 * Replaces an expired invitation with a fresh one (new expiry, sent by the current admin). The
 * old one is revoked first because only one open invitation per address may exist.
 */
export async function reinvite({ invitationId, ...invitation }: ReinviteInput) {
  await revokeInvitation(invitationId);
  await inviteMember(invitation);
}
