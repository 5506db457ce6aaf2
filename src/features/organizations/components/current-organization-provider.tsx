import type { ReactNode } from "react";

import type { MyOrganization } from "../api/fetch-my-organizations";
import { CurrentOrganizationContext } from "../hooks/use-current-organization";

/**
 * Provides `organization` to useCurrentOrganization() without the route and membership lookup
 * of OrganizationGate: for tests and previews of components that live inside an organization.
 */
export function CurrentOrganizationProvider({
  organization,
  children,
}: {
  organization: MyOrganization;
  children: ReactNode;
}) {
  return <CurrentOrganizationContext value={organization}>{children}</CurrentOrganizationContext>;
}
