import { useMutation, useQueryClient } from "@tanstack/react-query";

import { renameSavedView } from "../api/rename-saved-view";
import { savedViewKeys } from "../api/saved-view-keys";

export function useRenameSavedView(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameSavedView,
    // Also after a failure: the view may have been deleted or renamed by someone else meanwhile.
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: savedViewKeys.organization(organizationId) }),
  });
}
