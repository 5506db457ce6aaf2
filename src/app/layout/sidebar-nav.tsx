import { NavLink, useLocation } from "react-router-dom";

import { useCurrentOrganization } from "@/features/organizations";
import { cn } from "@/lib/utils";
import { ORGANIZATION_PAGES, PAGE_SECTIONS } from "./organization-pages";

interface SidebarNavProps {
  /** Called after a link is followed, e.g. to close the mobile sheet. */
  onNavigate?: () => void;
}

/** The organization's pages the signed-in role may use; the others are not shown at all. */
export function SidebarNav({ onNavigate }: SidebarNavProps) {
  const { organization, can } = useCurrentOrganization();
  const { search } = useLocation();
  const pages = ORGANIZATION_PAGES.filter((page) => !page.capability || can(page.capability));
  const sections = PAGE_SECTIONS.map((section) => ({
    section,
    pages: pages.filter((page) => page.section === section),
  })).filter(({ pages }) => pages.length > 0);

  return (
    <nav aria-label="Main" className="grid gap-4">
      {sections.map(({ section, pages }) => (
        <div key={section} className="grid gap-1">
          <h2
            id={`sidebar-${section.toLowerCase()}`}
            className="px-3 text-[11px] font-semibold tracking-wider text-sidebar-foreground/50 uppercase"
          >
            {section}
          </h2>
          <ul className="grid gap-1" aria-labelledby={`sidebar-${section.toLowerCase()}`}>
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
        </div>
      ))}
    </nav>
  );
}
