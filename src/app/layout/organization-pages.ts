import {
  BookType,
  FileText,
  FlaskConical,
  KeyRound,
  LayoutDashboard,
  Rocket,
  ScrollText,
  Settings,
  Users,
  type LucideIcon,
} from "lucide-react";
import type { Location, To } from "react-router-dom";

import { hasCapability, type Capability } from "@/features/auth";
import type { MyOrganization } from "@/features/organizations";

export interface OrganizationPage {
  /** The path segment after /o/:orgSlug/. */
  segment: string;
  label: string;
  icon: LucideIcon;
  /** Without it, every member may open the page. */
  capability?: Capability;
}

/** The pages of an organization, in sidebar order, with the capability each one needs. */
export const ORGANIZATION_PAGES: readonly OrganizationPage[] = [
  { segment: "overview", label: "Overview", icon: LayoutDashboard },
  { segment: "experiments", label: "Experiments", icon: FlaskConical },
  { segment: "deployments", label: "Deployments", icon: Rocket },
  { segment: "taxonomy", label: "Taxonomy", icon: BookType },
  { segment: "templates", label: "Templates", icon: FileText },
  { segment: "members", label: "Members", icon: Users, capability: "members.manage" },
  { segment: "api-keys", label: "API keys", icon: KeyRound, capability: "apiKeys.manage" },
  { segment: "audit-log", label: "Audit log", icon: ScrollText, capability: "auditLog.read" },
  { segment: "settings", label: "Settings", icon: Settings, capability: "organization.update" },
];

/**
 * Where switching to `target` leads from `location`: the same page with the same filters, unless
 * the person's role in `target` can't open that page, in which case its overview.
 */
export function switchOrganizationDestination(location: Location, target: MyOrganization): To {
  const rest = location.pathname.replace(/^\/o\/[^/]+/, "");
  const segment = rest.split("/")[1] ?? "";
  const page = ORGANIZATION_PAGES.find((candidate) => candidate.segment === segment);
  const allowed =
    page !== undefined && (!page.capability || hasCapability(target.role, page.capability));
  return {
    pathname: `/o/${target.slug}${allowed ? rest : "/overview"}`,
    search: location.search,
  };
}
