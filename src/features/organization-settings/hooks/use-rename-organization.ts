import { useMutation } from "@tanstack/react-query";
import { useMyOrganizations } from "@/features/organizations";
import { renameOrganization } from "../api/rename-organization";

export function useRenameOrganization(organizationId: string) {
  // The shell names the organization from this list (switcher, page titles): refresh it.
  const myOrganizations = useMyOrganizations();
  return useMutation({
    mutationFn: (name: string) => renameOrganization({ organizationId, name }),
    onSuccess: () => myOrganizations.refetch(),
  });
}
