import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { WebhookSecret } from "./create-webhook-endpoint";

/** A new secret; the previous one keeps verifying for 24 hours so senders can switch. */
export async function rotateWebhookSecret(
  endpointId: string,
  name: string,
): Promise<WebhookSecret> {
  const response = await supabase.rpc("rotate_webhook_secret", { p_endpoint_id: endpointId });
  if (response.error) throw toDatabaseError("The secret wasn't rotated", response);
  const [rotated] = response.data;
  if (!rotated) throw new Error("The secret wasn't rotated: no answer. Try again.");
  return { endpointId, name, secret: rotated.secret };
}
