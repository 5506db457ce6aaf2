import { useMutation, useQueryClient } from "@tanstack/react-query";
import { hubspotKeys } from "../api/hubspot-keys";
import { disconnectHubspot } from "../api/disconnect-hubspot";

export function useDisconnectHubspot(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectHubspot(organizationId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: hubspotKeys.organization(organizationId) }),
  });
}
