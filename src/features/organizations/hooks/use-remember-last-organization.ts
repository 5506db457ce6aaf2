import { useEffect } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useSignedInUser } from "@/features/auth";
import { organizationKeys } from "../api/organization-keys";
import { rememberLastOrganization } from "../api/remember-last-organization";
import { useLastOrganizationId } from "./use-last-organization-id";

/**
 * Records the organization being viewed as the person's last one, so "/" reopens it next time.
 * A failed write is not reported: it only affects where the next visit starts.
 */
export function useRememberLastOrganization(organizationId: string) {
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const lastUsed = useLastOrganizationId();
  const { mutate } = useMutation({
    mutationFn: (id: string) => rememberLastOrganization(user.id, id),
    onSuccess: (_result, id) => queryClient.setQueryData(organizationKeys.lastUsed(user.id), id),
  });

  const needsUpdate = lastUsed.isSuccess && lastUsed.data !== organizationId;
  useEffect(() => {
    if (needsUpdate) mutate(organizationId);
  }, [needsUpdate, organizationId, mutate]);
}
