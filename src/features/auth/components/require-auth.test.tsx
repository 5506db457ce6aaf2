import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import type { Session } from "@supabase/supabase-js";

import { supabase } from "@/lib/supabase";
import { LocationProbe } from "@/test/location-probe";
import { RequireAuth } from "./require-auth";
import { SessionProvider } from "./session-provider";

vi.mock("@/lib/supabase", () => import("@/test/supabase-mock"));
const getSession = vi.mocked(supabase.auth.getSession);

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: "/sign-in", element: <LocationProbe /> },
      {
        element: <RequireAuth />,
        children: [{ path: "/o/:orgSlug/*", element: <p>Organization page</p> }],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe("RequireAuth", () => {
  beforeEach(() => {
    getSession.mockReset();
  });

  it("sends a signed-out visitor to sign in, with the page and its filters as `next`", async () => {
    getSession.mockResolvedValue({ data: { session: null }, error: null });
    renderAt("/o/acme-commerce/members?range=custom&from=2026-11-01&to=2026-11-15");
    const location = await screen.findByRole("status", { name: "Current location" });
    const url = new URL(location.textContent ?? "", "http://causeway.test");
    expect(url.pathname).toBe("/sign-in");
    expect(url.searchParams.get("next")).toBe(
      "/o/acme-commerce/members?range=custom&from=2026-11-01&to=2026-11-15",
    );
    expect(screen.queryByText("Organization page")).not.toBeInTheDocument();
  });

  it("shows the page to a signed-in person", async () => {
    const session = { user: { id: "u-1", email: "ada@acme.example" } } as Session;
    getSession.mockResolvedValue({ data: { session }, error: null });
    renderAt("/o/acme-commerce/overview");
    expect(await screen.findByText("Organization page")).toBeInTheDocument();
  });

  it("waits for the stored session before deciding", () => {
    getSession.mockReturnValue(new Promise(() => {}));
    renderAt("/o/acme-commerce/overview");
    expect(screen.getByText("Loading Causeway")).toBeInTheDocument();
    expect(screen.queryByText("Organization page")).not.toBeInTheDocument();
  });
});
