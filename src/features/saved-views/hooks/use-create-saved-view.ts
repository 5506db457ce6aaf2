import { useMutation, useQueryClient } from "@tanstack/react-query";

import { createSavedView, type CreateSavedViewInput } from "../api/create-saved-view";
import { savedViewKeys } from "../api/saved-view-keys";

export function useCreateSavedView(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<CreateSavedViewInput, "organizationId">) =>
      createSavedView({ organizationId, ...input }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: savedViewKeys.organization(organizationId) }),
  });
}
