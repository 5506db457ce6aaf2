import { useMutation, useQueryClient } from "@tanstack/react-query";
import { hubspotKeys } from "../api/hubspot-keys";
import { deleteHubspotMapping } from "../api/hubspot-mappings";

export function useDeleteHubspotMapping(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mappingId: string) => deleteHubspotMapping(mappingId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: hubspotKeys.mappings(organizationId) }),
  });
}
