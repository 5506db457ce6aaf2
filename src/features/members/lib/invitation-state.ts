import { parseTimestamp } from "@/lib/timestamps";

export type InvitationState = "pending" | "expired";

/** Expired invitations stay open in the database but can no longer be accepted. */
export function invitationState(expiresAt: string, now: Date): InvitationState {
  return parseTimestamp(expiresAt) <= now ? "expired" : "pending";
}
