import { useQuery } from "@tanstack/react-query";
import { apiKeyKeys } from "../api/api-key-keys";
import { fetchApiKeys } from "../api/fetch-api-keys";

export function useApiKeys(organizationId: string) {
  return useQuery({
    queryKey: apiKeyKeys.list(organizationId),
    queryFn: () => fetchApiKeys(organizationId),
  });
}
