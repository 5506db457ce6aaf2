import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export interface WebhookEndpoint {
  id: string;
  name: string;
  /** The last four characters of the current signing secret. */
  secretHint: string;
  secretRotatedAt: string | null;
  createdAt: string;
  disabledAt: string | null;
  lastUsedAt: string | null;
}

/** The organization's webhook endpoints, enabled ones first, newest first within each group. */
export async function fetchWebhookEndpoints(organizationId: string): Promise<WebhookEndpoint[]> {
  const response = await supabase
    .from("webhook_endpoints")
    .select("id, name, secret_hint, secret_rotated_at, created_at, disabled_at, last_used_at")
    .eq("organization_id", organizationId)
    .order("created_at", { ascending: false });
  if (response.error) throw toRequestError("Couldn't load the webhook endpoints", response);
  const endpoints = response.data.map((row) => ({
    id: row.id,
    name: row.name,
    secretHint: row.secret_hint,
    secretRotatedAt: row.secret_rotated_at,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastUsedAt: row.last_used_at,
  }));
  return endpoints.sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null));
}

/** Where other systems post outcomes for `endpointId`. */
export function webhookUrl(endpointId: string): string {
  const base = (import.meta.env.VITE_SUPABASE_URL as string).replace(/\/+$/, "");
  return `${base}/functions/v1/outcomes-webhook/${endpointId}`;
}
