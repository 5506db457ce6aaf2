import { useQuery } from "@tanstack/react-query";
import { fetchNotifications } from "../api/fetch-notifications";
import { notificationKeys } from "../api/notification-keys";

// No realtime channel locally: poll, slowly enough to be cheap, often enough for review news.
export const NOTIFICATION_POLL_MS = 30_000;

export function useNotifications(organizationId: string, userId: string) {
  return useQuery({
    queryKey: notificationKeys.inbox(organizationId, userId),
    queryFn: () => fetchNotifications(organizationId, userId),
    refetchInterval: NOTIFICATION_POLL_MS,
  });
}
