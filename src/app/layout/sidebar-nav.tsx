import { NavLink, useLocation } from "react-router-dom";

import { useCurrentOrganization } from "@/features/organizations";
import { cn } from "@/lib/utils";
import { ORGANIZATION_PAGES } from "./organization-pages";

interface SidebarNavProps {
  /** Called after a link is followed, e.g. to close the mobile sheet. */
  onNavigate?: () => void;
}

/** The organization's pages the signed-in role may use; the others are not shown at all. */
export function SidebarNav({ onNavigate }: SidebarNavProps) {
  const { organization, can } = useCurrentOrganization();
  const { search } = useLocation();
  const pages = ORGANIZATION_PAGES.filter((page) => !page.capability || can(page.capability));

  return (
    <nav aria-label="Main">
      <ul className="grid gap-1">
        {pages.map(({ segment, label, icon: Icon }) => (
          <li key={segment}>
            <NavLink
              to={{ pathname: `/o/${organization.slug}/${segment}`, search }}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-2 focus-visible:ring-sidebar-ring",
                  isActive &&
                    "bg-linear-to-r from-primary/25 to-primary/5 text-sidebar-foreground shadow-[inset_2px_0_0_var(--sidebar-primary)]",
                )
              }
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
