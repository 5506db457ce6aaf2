import type { Database } from "@/lib/database.types";
import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";

export type NotificationKind = Database["public"]["Enums"]["notification_kind"];

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  experimentId: string | null;
  readAt: string | null;
  createdAt: string;
}

// The popover shows recent news; older notifications stay in the database.
const INBOX_SIZE = 30;

/** The signed-in person's notifications in one organization, newest first. */
export async function fetchNotifications(
  organizationId: string,
  userId: string,
): Promise<AppNotification[]> {
  const response = await supabase
    .from("notifications")
    .select("id, kind, title, body, experiment_id, read_at, created_at")
    .eq("organization_id", organizationId)
    .eq("user_id", userId)
    .order("created_at", { ascending: false })
    .limit(INBOX_SIZE);
  if (response.error) throw toRequestError("Couldn't load your notifications", response);
  return response.data.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    experimentId: row.experiment_id,
    readAt: row.read_at,
    createdAt: row.created_at,
  }));
}
