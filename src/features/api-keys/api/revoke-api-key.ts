import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/** Revokes a key for good; requests presenting it are refused from then on. */
export async function revokeApiKey(apiKeyId: string) {
  const response = await supabase.rpc("revoke_api_key", { p_key_id: apiKeyId });
  if (response.error) throw toDatabaseError("The API key wasn't revoked", response);
}
