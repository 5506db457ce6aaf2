/** Query keys for the members page: the member list and the open invitations. */
export const memberKeys = {
  all: ["members"] as const,
  list: (organizationId: string) => [...memberKeys.all, "list", organizationId] as const,
};

export const invitationKeys = {
  all: ["invitations"] as const,
  pending: (organizationId: string) => [...invitationKeys.all, "pending", organizationId] as const,
};
