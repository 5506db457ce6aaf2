import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/** A signing secret, shown once: the database never returns it again. */
export interface WebhookSecret {
  endpointId: string;
  name: string;
  secret: string;
}

export async function createWebhookEndpoint(
  organizationId: string,
  name: string,
): Promise<WebhookSecret> {
  const response = await supabase.rpc("create_webhook_endpoint", {
    p_organization_id: organizationId,
    p_name: name,
  });
  if (response.error) throw toDatabaseError("The webhook endpoint wasn't created", response);
  const [created] = response.data;
  if (!created) throw new Error("The webhook endpoint wasn't created: no answer. Try again.");
  return { endpointId: created.id, name: created.name, secret: created.secret };
}
