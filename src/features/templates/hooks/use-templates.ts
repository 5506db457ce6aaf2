import { useQuery } from "@tanstack/react-query";
import { fetchTemplates } from "../api/fetch-templates";
import { templateKeys } from "../api/template-keys";

export function useTemplates(organizationId: string) {
  return useQuery({
    queryKey: templateKeys.list(organizationId),
    queryFn: () => fetchTemplates(organizationId),
  });
}
