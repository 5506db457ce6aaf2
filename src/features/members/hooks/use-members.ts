import { useQuery } from "@tanstack/react-query";
import { fetchMembers } from "../api/fetch-members";
import { memberKeys } from "../api/member-keys";

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: memberKeys.list(organizationId),
    queryFn: () => fetchMembers(organizationId),
  });
}
