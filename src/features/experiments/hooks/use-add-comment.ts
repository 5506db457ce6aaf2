import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addComment, type AddCommentInput } from "../api/add-comment";
import { experimentKeys } from "../api/experiment-keys";

export function useAddComment(organizationId: string, experimentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<AddCommentInput, "organizationId" | "experimentId">) =>
      addComment({ organizationId, experimentId, ...input }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: experimentKeys.comments(organizationId, experimentId),
      }),
  });
}
