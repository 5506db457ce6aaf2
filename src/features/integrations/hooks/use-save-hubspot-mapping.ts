import { useMutation, useQueryClient } from "@tanstack/react-query";
import { hubspotKeys } from "../api/hubspot-keys";
import { createHubspotMapping } from "../api/hubspot-mappings";
import type { HubspotMappingInput } from "../lib/mapping-form";

export function useSaveHubspotMapping(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HubspotMappingInput) => createHubspotMapping(organizationId, input),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: hubspotKeys.mappings(organizationId) }),
  });
}
