import { useQuery } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import { fetchComments } from "../api/fetch-comments";

export function useComments(organizationId: string, experimentId: string) {
  return useQuery({
    queryKey: experimentKeys.comments(organizationId, experimentId),
    queryFn: () => fetchComments(experimentId),
  });
}
