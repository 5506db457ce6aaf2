import { useQuery } from "@tanstack/react-query";

import { fetchMyProfile } from "../api/fetch-my-profile";
import { profileKeys } from "../api/profile-keys";
import { useSignedInUser } from "./use-session";

export function useMyProfile() {
  const user = useSignedInUser();
  return useQuery({
    queryKey: profileKeys.mine(user.id),
    queryFn: () => fetchMyProfile(user.id),
    staleTime: 5 * 60_000,
  });
}
