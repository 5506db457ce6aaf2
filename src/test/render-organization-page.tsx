import type { ReactElement } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router-dom";

import { RequireAuth, SessionProvider } from "@/features/auth";
import { CurrentOrganizationProvider, type MyOrganization } from "@/features/organizations";
import { supabaseStub } from "./supabase-stub";

export const TEST_ORGANIZATION: MyOrganization = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Acme Commerce",
  slug: "acme-commerce",
  role: "admin",
};

export const TEST_USER = { id: "00000000-0000-4000-8000-0000000000a1", email: "ada@acme.example" };

/** Stands in for every page outside the one under test, and says where navigation went. */
function ElsewherePage() {
  const location = useLocation();
  return <p>Navigated to {`${location.pathname}${location.search}`}</p>;
}

interface RenderOptions {
  /** The URL under /o/:orgSlug/, with any search parameters, e.g. "audit-log?entity=api_keys". */
  path: string;
  organization?: MyOrganization;
}

/**
 * Renders a page the way the app does: signed in (through the stubbed supabase-js session),
 * inside an organization route, with a fresh query client and a memory router.
 */
export function renderOrganizationPage(
  page: ReactElement,
  { path, organization = TEST_ORGANIZATION }: RenderOptions,
) {
  supabaseStub.signIn(TEST_USER);
  const segment = path.split("?")[0];
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      {
        element: <RequireAuth />,
        children: [
          {
            path: `/o/:orgSlug/${segment}`,
            element: (
              <CurrentOrganizationProvider organization={organization}>
                {page}
              </CurrentOrganizationProvider>
            ),
          },
          { path: "*", element: <ElsewherePage /> },
        ],
      },
    ],
    { initialEntries: [`/o/${organization.slug}/${path}`] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}
