import { useQuery } from "@tanstack/react-query";

import { fetchSavedViews } from "../api/fetch-saved-views";
import { savedViewKeys } from "../api/saved-view-keys";

export function useSavedViews(
  organizationId: string,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: savedViewKeys.organization(organizationId),
    queryFn: () => fetchSavedViews(organizationId),
    enabled,
  });
}
