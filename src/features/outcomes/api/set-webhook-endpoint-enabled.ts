import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function setWebhookEndpointEnabled(endpointId: string, enabled: boolean) {
  const response = await supabase.rpc("set_webhook_endpoint_enabled", {
    p_endpoint_id: endpointId,
    p_enabled: enabled,
  });
  if (response.error) {
    throw toDatabaseError(`The endpoint wasn't ${enabled ? "enabled" : "disabled"}`, response);
  }
}
