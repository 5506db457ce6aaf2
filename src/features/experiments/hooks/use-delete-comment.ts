import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteComment } from "../api/delete-comment";
import { experimentKeys } from "../api/experiment-keys";

export function useDeleteComment(organizationId: string, experimentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteComment,
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: experimentKeys.comments(organizationId, experimentId),
      }),
  });
}
