import { useMutation, useQueryClient } from "@tanstack/react-query";
import { connectHubspot } from "../api/hubspot-function";
import { hubspotKeys } from "../api/hubspot-keys";

export function useConnectHubspot(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => connectHubspot(organizationId, token),
    // The variables hold the token: keep the mutation no longer than the dialog needs it.
    gcTime: 0,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: hubspotKeys.organization(organizationId) }),
  });
}
