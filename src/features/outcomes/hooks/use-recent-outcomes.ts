import { useQuery } from "@tanstack/react-query";
import { fetchRecentOutcomes } from "../api/fetch-recent-outcomes";
import { outcomeKeys } from "../api/outcome-keys";

export function useRecentOutcomes(organizationId: string) {
  return useQuery({
    queryKey: outcomeKeys.recent(organizationId),
    queryFn: () => fetchRecentOutcomes(organizationId),
  });
}
