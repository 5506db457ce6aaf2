import { useQuery } from "@tanstack/react-query";
import { providerKeyKeys } from "../api/provider-key-keys";
import { fetchProviderKeys } from "../api/fetch-provider-keys";

export function useProviderKeys(organizationId: string) {
  return useQuery({
    queryKey: providerKeyKeys.list(organizationId),
    queryFn: () => fetchProviderKeys(organizationId),
  });
}
