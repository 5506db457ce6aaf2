import {
  Activity,
  ChartNoAxesColumnDecreasing,
  CircleDollarSign,
  BookType,
  FileText,
  FlaskConical,
  KeyRound,
  LayoutDashboard,
  LockKeyhole,
  Plug,
  Rocket,
  ScrollText,
  Settings,
  Target,
  Users,
  type LucideIcon,
} from "lucide-react";
import type { Location, To } from "react-router-dom";

import { hasCapability, type Capability } from "@/features/auth";
import type { MyOrganization } from "@/features/organizations";

/** Sidebar sections, in order. */
export const PAGE_SECTIONS = ["Analyze", "Experiment", "Data", "Administration"] as const;
export type PageSection = (typeof PAGE_SECTIONS)[number];

export interface OrganizationPage {
  /** The path segment after /o/:orgSlug/. */
  segment: string;
  label: string;
  icon: LucideIcon;
  section: PageSection;
  /** Without it, every member may open the page. */
  capability?: Capability;
}

/** The pages of an organization, in sidebar order, with the capability each one needs. */
export const ORGANIZATION_PAGES: readonly OrganizationPage[] = [
  { segment: "overview", label: "Overview", icon: LayoutDashboard, section: "Analyze" },
  {
    segment: "why-changed",
    label: "Why did it change?",
    icon: ChartNoAxesColumnDecreasing,
    section: "Analyze",
  },
  { segment: "runs", label: "Runs", icon: Activity, section: "Analyze" },
  { segment: "experiments", label: "Experiments", icon: FlaskConical, section: "Experiment" },
  { segment: "deployments", label: "Deployments", icon: Rocket, section: "Experiment" },
  { segment: "templates", label: "Templates", icon: FileText, section: "Experiment" },
  { segment: "taxonomy", label: "Taxonomy", icon: BookType, section: "Experiment" },
  { segment: "outcomes", label: "Outcomes", icon: Target, section: "Data" },
  { segment: "integrations", label: "Integrations", icon: Plug, section: "Data" },
  { segment: "model-prices", label: "Model prices", icon: CircleDollarSign, section: "Data" },
  {
    segment: "provider-keys",
    label: "Provider keys",
    icon: LockKeyhole,
    section: "Data",
    capability: "providerKeys.manage",
  },
  {
    segment: "api-keys",
    label: "API keys",
    icon: KeyRound,
    section: "Data",
    capability: "apiKeys.manage",
  },
  {
    segment: "members",
    label: "Members",
    icon: Users,
    section: "Administration",
    capability: "members.manage",
  },
  {
    segment: "audit-log",
    label: "Audit log",
    icon: ScrollText,
    section: "Administration",
    capability: "auditLog.read",
  },
  {
    segment: "settings",
    label: "Settings",
    icon: Settings,
    section: "Administration",
    capability: "organization.update",
  },
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
