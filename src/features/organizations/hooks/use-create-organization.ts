import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useSignedInUser } from "@/features/auth";
import { createOrganization } from "../api/create-organization";
import type { MyOrganization } from "../api/fetch-my-organizations";
import { organizationKeys } from "../api/organization-keys";

export function useCreateOrganization() {
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createOrganization(name),
    onSuccess: async (organization) => {
      // Added to the cache straight away so the new organization's page opens without a
      // "no access" flash while the list refetches.
      queryClient.setQueryData<MyOrganization[]>(organizationKeys.mine(user.id), (current) => [
        ...(current ?? []),
        organization,
      ]);
      queryClient.setQueryData(organizationKeys.lastUsed(user.id), organization.id);
      await queryClient.invalidateQueries({ queryKey: organizationKeys.mine(user.id) });
    },
  });
}
