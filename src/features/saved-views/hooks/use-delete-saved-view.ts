import { useMutation, useQueryClient } from "@tanstack/react-query";

import { deleteSavedView } from "../api/delete-saved-view";
import { savedViewKeys } from "../api/saved-view-keys";

export function useDeleteSavedView(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedView,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: savedViewKeys.organization(organizationId) }),
  });
}
