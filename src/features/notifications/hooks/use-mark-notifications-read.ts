import { useMutation, useQueryClient } from "@tanstack/react-query";
import { markNotificationsRead } from "../api/mark-notifications-read";
import { notificationKeys } from "../api/notification-keys";

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
