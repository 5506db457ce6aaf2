import type { ProfileSummary } from "../api/fetch-profiles-by-ids";

/** How a person is named in tables and sentences: their chosen name, else their email. */
export function personName(profile: ProfileSummary): string {
  return profile.displayName?.trim() || profile.email;
}
