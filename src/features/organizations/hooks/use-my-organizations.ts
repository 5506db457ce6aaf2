import { useQuery } from "@tanstack/react-query";

import { useSignedInUser } from "@/features/auth";
import { fetchMyOrganizations } from "../api/fetch-my-organizations";
import { organizationKeys } from "../api/organization-keys";

export function useMyOrganizations() {
  const user = useSignedInUser();
  return useQuery({
    queryKey: organizationKeys.mine(user.id),
    queryFn: () => fetchMyOrganizations(user.id),
  });
}
