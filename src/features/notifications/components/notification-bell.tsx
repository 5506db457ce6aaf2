import { useState } from "react";
import { formatDistanceToNow } from "date-fns";
import { BellIcon, CheckCheckIcon } from "lucide-react";
import { Link } from "react-router-dom";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import { cn } from "@/lib/utils";
import type { AppNotification } from "../api/fetch-notifications";
import { useMarkAllNotificationsRead } from "../hooks/use-mark-all-notifications-read";
import { useMarkNotificationsRead } from "../hooks/use-mark-notifications-read";
import { useNotifications } from "../hooks/use-notifications";

function NotificationItem({
  notification,
  organizationSlug,
  onOpen,
}: {
  notification: AppNotification;
  organizationSlug: string;
  onOpen(notification: AppNotification): void;
}) {
  const unread = notification.readAt === null;
  const createdAt = parseTimestamp(notification.createdAt);
  const content = (
    <>
      <span
        aria-hidden="true"
        className={cn(
          "mt-1.5 size-2 shrink-0 rounded-full",
          unread ? "bg-primary" : "bg-transparent",
        )}
      />
      <span className="grid min-w-0 gap-0.5">
        <span className={cn("text-sm", unread ? "font-medium" : "text-muted-foreground")}>
          {notification.title}
          {unread && <span className="sr-only"> (unread)</span>}
        </span>
        {notification.body && (
          <span className="line-clamp-2 text-xs text-muted-foreground">{notification.body}</span>
        )}
        <time dateTime={createdAt.toISOString()} className="text-xs text-muted-foreground">
          {formatDistanceToNow(createdAt, { addSuffix: true })}
        </time>
      </span>
    </>
  );
  const className =
    "flex w-full gap-2 rounded-md px-2 py-2 text-left outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring";
  return (
    <li>
      {notification.experimentId ? (
        <Link
          to={`/o/${organizationSlug}/experiments/${notification.experimentId}`}
          className={className}
          onClick={() => onOpen(notification)}
        >
          {content}
        </Link>
      ) : (
        <div className={className}>{content}</div>
      )}
    </li>
  );
}

/** The top bar's bell: unread count, recent review news, and links to the experiments. */
export function NotificationBell() {
  const { organization } = useCurrentOrganization();
  const user = useSignedInUser();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(organization.id, user.id);
  const markRead = useMarkNotificationsRead();
  const markAllRead = useMarkAllNotificationsRead(organization.id);
  const unreadCount = notifications.data?.filter((item) => item.readAt === null).length ?? 0;

  function openNotification(notification: AppNotification) {
    if (notification.readAt === null) markRead.mutate([notification.id]);
    setOpen(false);
  }

  let body;
  if (notifications.isPending) {
    body = (
      <div className="grid gap-3 p-2" aria-busy="true" aria-label="Loading notifications">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  } else if (notifications.isError) {
    body = (
      <QueryErrorAlert
        title="Notifications couldn't be loaded"
        error={notifications.error}
        onRetry={() => notifications.refetch()}
        isRetrying={notifications.isFetching}
      />
    );
  } else if (notifications.data.length === 0) {
    body = (
      <p className="px-2 py-6 text-center text-sm text-muted-foreground">
        Nothing yet. Review requests and decisions on your experiments appear here.
      </p>
    );
  } else {
    body = (
      <ul aria-label="Notifications" className="grid max-h-96 gap-0.5 overflow-y-auto">
        {notifications.data.map((notification) => (
          <NotificationItem
            key={notification.id}
            notification={notification}
            organizationSlug={organization.slug}
            onOpen={openNotification}
          />
        ))}
      </ul>
    );
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={unreadCount > 0 ? `Notifications, ${unreadCount} unread` : "Notifications"}
        >
          <BellIcon aria-hidden="true" />
          {unreadCount > 0 && (
            <span
              aria-hidden="true"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[10px] leading-none font-semibold text-primary-foreground"
            >
              {unreadCount > 9 ? "9+" : unreadCount}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-96 max-w-[calc(100vw-2rem)] p-2">
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <h2 className="text-sm font-semibold">Notifications</h2>
          <Button
            variant="ghost"
            size="sm"
            disabled={unreadCount === 0 || markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            <CheckCheckIcon aria-hidden="true" />
            Mark all read
          </Button>
        </div>
        <FormErrorAlert error={markAllRead.error ?? markRead.error} />
        {body}
      </PopoverContent>
    </Popover>
  );
}
