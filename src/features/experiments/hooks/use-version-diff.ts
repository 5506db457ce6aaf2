import { useQuery } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import { fetchVersionDiff } from "../api/version-diff";

export function useVersionDiff(
  organizationId: string,
  fromVersionId: string | undefined,
  toVersionId: string | undefined,
) {
  return useQuery({
    queryKey: experimentKeys.diff(organizationId, fromVersionId ?? "", toVersionId ?? ""),
    queryFn: () => fetchVersionDiff(fromVersionId!, toVersionId!),
    enabled: Boolean(fromVersionId && toVersionId),
    // Versions never change: a comparison holds for good.
    staleTime: Infinity,
  });
}
