export const notificationKeys = {
  all: ["notifications"] as const,
  inbox: (organizationId: string, userId: string) =>
    [...notificationKeys.all, organizationId, userId] as const,
};
