import { useMutation, useQueryClient } from "@tanstack/react-query";
import { experimentKeys } from "../api/experiment-keys";
import { updateComment } from "../api/update-comment";

export function useUpdateComment(organizationId: string, experimentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateComment,
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: experimentKeys.comments(organizationId, experimentId),
      }),
  });
}
