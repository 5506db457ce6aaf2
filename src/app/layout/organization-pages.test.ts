import type { Location } from "react-router-dom";

import type { MyOrganization } from "@/features/organizations";
import { switchOrganizationDestination } from "./organization-pages";

vi.mock("@/lib/supabase", () => import("@/test/supabase-mock"));

function at(pathname: string, search = ""): Location {
  return { pathname, search, hash: "", state: null, key: "default" };
}

const globex = (role: MyOrganization["role"]): MyOrganization => ({
  id: "org-2",
  name: "Globex Support",
  slug: "globex-support",
  role,
});

describe("switchOrganizationDestination", () => {
  it("keeps the page and the filters", () => {
    expect(
      switchOrganizationDestination(
        at("/o/acme-commerce/audit-log", "?range=custom&from=2026-11-01&to=2026-11-15"),
        globex("admin"),
      ),
    ).toEqual({
      pathname: "/o/globex-support/audit-log",
      search: "?range=custom&from=2026-11-01&to=2026-11-15",
    });
  });

  it("opens the overview when the role there can't use the current page", () => {
    expect(
      switchOrganizationDestination(
        at("/o/acme-commerce/members", "?range=1M"),
        globex("engineer"),
      ),
    ).toEqual({ pathname: "/o/globex-support/overview", search: "?range=1M" });
  });

  it("opens the overview from an unknown page", () => {
    expect(switchOrganizationDestination(at("/o/acme-commerce/nowhere"), globex("admin"))).toEqual({
      pathname: "/o/globex-support/overview",
      search: "",
    });
  });
});
