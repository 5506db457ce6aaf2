import { createContext, useContext } from "react";

import { hasCapability, type Capability } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";
import type { MyOrganization } from "../api/fetch-my-organizations";

export interface CurrentOrganization {
  organization: MyOrganization;
  role: AppRole;
  can(capability: Capability): boolean;
}

export const CurrentOrganizationContext = createContext<MyOrganization | null>(null);

/** The organization named in the URL (/o/:orgSlug/...) and the signed-in user's role in it. */
export function useCurrentOrganization(): CurrentOrganization {
  const organization = useContext(CurrentOrganizationContext);
  if (!organization)
    throw new Error("useCurrentOrganization must be used inside an organization route");
  return {
    organization,
    role: organization.role,
    can: (capability) => hasCapability(organization.role, capability),
  };
}
