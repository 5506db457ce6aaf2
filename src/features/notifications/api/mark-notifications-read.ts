import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function markNotificationsRead(notificationIds: string[]) {
  const response = await supabase.rpc("mark_notifications_read", {
    p_notification_ids: notificationIds,
  });
  if (response.error) throw toDatabaseError("The notification wasn't marked read", response);
}

export async function markAllNotificationsRead(organizationId: string) {
  const response = await supabase.rpc("mark_all_notifications_read", {
    p_organization_id: organizationId,
  });
  if (response.error) throw toDatabaseError("The notifications weren't marked read", response);
}
