import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export interface ApiKey {
  id: string;
  name: string;
  /** The public part of the key ("cw_" and 12 hex digits), enough to recognise it in logs. */
  prefix: string;
  scopes: string[];
  createdByName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

// Listed column by column: key_hash is not granted to browser roles, and `*` would ask for it.
const API_KEY_COLUMNS =
  "id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at";

/** The organization's API keys, active ones first, newest first within each group. */
export async function fetchApiKeys(organizationId: string): Promise<ApiKey[]> {
  const response = await supabase
    .from("api_keys")
    .select(API_KEY_COLUMNS)
    .eq("organization_id", organizationId)
    .order("created_at", { ascending: false });
  if (response.error) throw toRequestError("Couldn't load the API keys", response);

  const creators = await fetchProfilesByIds(response.data.map((row) => row.created_by));
  const keys = response.data.map((row) => {
    const creator = row.created_by ? creators.get(row.created_by) : undefined;
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      createdByName: creator ? personName(creator) : null,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  });
  // Stable sort: the newest-first order from the database holds within each group.
  return keys.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
