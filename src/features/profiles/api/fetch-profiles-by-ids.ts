import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export interface ProfileSummary {
  id: string;
  email: string;
  displayName: string | null;
}

/**
 * Profiles for the given user ids, keyed by id. Tables that name a user (memberships, API keys,
 * the audit log) reference auth.users, not profiles, so PostgREST cannot embed them: callers
 * fetch their rows first and then the people in one more query. Ids whose profile the caller
 * may not see (people who left every shared organization) are simply absent.
 */
export async function fetchProfilesByIds(
  userIds: Iterable<string | null | undefined>,
): Promise<Map<string, ProfileSummary>> {
  const ids = [...new Set([...userIds].filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const response = await supabase.from("profiles").select("id, email, display_name").in("id", ids);
  if (response.error)
    throw toRequestError("Couldn't load the names of the people involved", response);
  return new Map(
    response.data.map((row) => [
      row.id,
      { id: row.id, email: row.email, displayName: row.display_name },
    ]),
  );
}
