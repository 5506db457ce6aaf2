import { useMutation, useQueryClient } from "@tanstack/react-query";
import { syncHubspot } from "../api/hubspot-function";
import { hubspotKeys } from "../api/hubspot-keys";

export function useSyncHubspot(organizationId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: hubspotKeys.connection(organizationId) }),
      queryClient.invalidateQueries({ queryKey: hubspotKeys.runs(organizationId) }),
    ]);
  return useMutation({
    mutationFn: ({ full }: { full: boolean }) => syncHubspot(organizationId, full),
    // The run row appears as soon as the sync starts: poll it for progress meanwhile.
    onMutate: () => {
      setTimeout(() => void refresh(), 300);
    },
    onSettled: refresh,
  });
}
