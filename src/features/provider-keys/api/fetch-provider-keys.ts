import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { Provider } from "../lib/providers";

export interface ProviderKey {
  id: string;
  provider: Provider;
  last4: string;
  createdByName: string | null;
  createdAt: string;
  rotatedByName: string | null;
  rotatedAt: string | null;
  revokedByName: string | null;
  revokedAt: string | null;
  lastTestedAt: string | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
}

// Listed column by column: the ciphertext is not granted to browser roles.
const COLUMNS =
  "id, provider, last4, created_by, created_at, rotated_by, rotated_at, revoked_by, revoked_at, last_tested_at, last_test_ok, last_test_message";

/** The organization's provider keys, newest first; at most one active key per provider. */
export async function fetchProviderKeys(organizationId: string): Promise<ProviderKey[]> {
  const response = await supabase
    .from("provider_keys")
    .select(COLUMNS)
    .eq("organization_id", organizationId)
    .order("created_at", { ascending: false });
  if (response.error) throw toRequestError("Couldn't load the provider keys", response);

  const people = await fetchProfilesByIds(
    response.data.flatMap((row) => [row.created_by, row.rotated_by, row.revoked_by]),
  );
  const nameOf = (id: string | null) => {
    const person = id ? people.get(id) : undefined;
    return person ? personName(person) : null;
  };
  return response.data.map((row) => ({
    id: row.id,
    provider: row.provider as Provider,
    last4: row.last4,
    createdByName: nameOf(row.created_by),
    createdAt: row.created_at,
    rotatedByName: nameOf(row.rotated_by),
    rotatedAt: row.rotated_at,
    revokedByName: nameOf(row.revoked_by),
    revokedAt: row.revoked_at,
    lastTestedAt: row.last_tested_at,
    lastTestOk: row.last_test_ok,
    lastTestMessage: row.last_test_message,
  }));
}
