import { useQuery } from "@tanstack/react-query";

import { useSignedInUser } from "@/features/auth";
import { fetchLastOrganizationId } from "../api/fetch-last-organization-id";
import { organizationKeys } from "../api/organization-keys";

export function useLastOrganizationId() {
  const user = useSignedInUser();
  return useQuery({
    queryKey: organizationKeys.lastUsed(user.id),
    queryFn: () => fetchLastOrganizationId(user.id),
  });
}
