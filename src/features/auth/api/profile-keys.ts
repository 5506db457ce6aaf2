/** Query keys for the signed-in person's profile. */
export const profileKeys = {
  all: ["profile"] as const,
  mine: (userId: string) => [...profileKeys.all, "mine", userId] as const,
};
