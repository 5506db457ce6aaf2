import { render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";

import { CurrentOrganizationProvider } from "@/features/organizations";
import type { AppRole } from "@/lib/supabase";
import { SidebarNav } from "./sidebar-nav";

vi.mock("@/lib/supabase", () => import("@/test/supabase-mock"));

function renderSidebarFor(role: AppRole, path = "/o/acme-commerce/overview?range=1M") {
  const organization = { id: "org-1", name: "Acme Commerce", slug: "acme-commerce", role };
  const router = createMemoryRouter(
    [
      {
        path: "/o/:orgSlug/*",
        element: (
          <CurrentOrganizationProvider organization={organization}>
            <SidebarNav />
          </CurrentOrganizationProvider>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return within(screen.getByRole("navigation", { name: "Main" }));
}

describe("SidebarNav", () => {
  // Sidebar order: pages every member may open within each section, then role-specific ones.
  const ANALYZE = ["Overview", "Why did it change?", "Runs"];
  const EXPERIMENT = ["Experiments", "Deployments", "Templates", "Taxonomy"];
  const DATA = ["Outcomes", "Integrations", "Model prices"];
  const EVERYONE = [...ANALYZE, ...EXPERIMENT, ...DATA];
  it.each<[AppRole, string[]]>([
    ["admin", [...EVERYONE, "Provider keys", "API keys", "Members", "Audit log", "Settings"]],
    ["engineer", [...EVERYONE, "Provider keys", "API keys"]],
    ["product_manager", EVERYONE],
    ["prompt_engineer", EVERYONE],
    ["operations", EVERYONE],
    ["enablement", EVERYONE],
  ])("shows %s only the pages the role may use", (role, expected) => {
    const nav = renderSidebarFor(role);
    expect(nav.getAllByRole("link").map((link) => link.textContent)).toEqual(expected);
  });

  it("marks the current page and keeps the filters in every link", () => {
    const nav = renderSidebarFor("admin", "/o/acme-commerce/members?range=1M");
    expect(nav.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
    expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current");
    expect(nav.getByRole("link", { name: "Audit log" })).toHaveAttribute(
      "href",
      "/o/acme-commerce/audit-log?range=1M",
    );
  });
});
