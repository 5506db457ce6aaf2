import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { ApiKeyScope } from "../lib/api-key-scopes";

export interface CreateApiKeyInput {
  organizationId: string;
  name: string;
  scopes: ApiKeyScope[];
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The full key. The database keeps only its hash: this is the one chance to see it. */
  secret: string;
}

export async function createApiKey({
  organizationId,
  name,
  scopes,
}: CreateApiKeyInput): Promise<CreatedApiKey> {
  const response = await supabase.rpc("create_api_key", {
    p_organization_id: organizationId,
    p_name: name,
    p_scopes: scopes,
  });
  if (response.error) throw toDatabaseError("The API key wasn't created", response);
  const [created] = response.data;
  if (!created)
    throw new Error("The API key wasn't created: the server returned no key. Try again.");
  return { id: created.id, name: created.name, prefix: created.prefix, secret: created.secret };
}
