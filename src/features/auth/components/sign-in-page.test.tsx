import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { AuthApiError, AuthRetryableFetchError, type User } from "@supabase/supabase-js";

import { supabase } from "@/lib/supabase";
import { LocationProbe } from "@/test/location-probe";
import { SignInPage } from "./sign-in-page";

// Only the network call at the module boundary is stubbed; the form, validation and error
// mapping run as they do in the app.
vi.mock("@/lib/supabase", () => import("@/test/supabase-mock"));
const signInWithPassword = vi.mocked(supabase.auth.signInWithPassword);

const ada = { id: "8d6f0d1e-3f55-4b4b-9d38-1f5e1f9a0c11", email: "ada@acme.example" } as User;

function renderSignIn(path = "/sign-in") {
  const onSignedIn = vi.fn(async () => {});
  const router = createMemoryRouter(
    [
      { path: "/sign-in", element: <SignInPage onSignedIn={onSignedIn} /> },
      { path: "*", element: <LocationProbe /> },
    ],
    { initialEntries: [path] },
  );
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { onSignedIn };
}

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByLabelText("Email"), email);
  if (password) await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("SignInPage", () => {
  beforeEach(() => {
    signInWithPassword.mockReset();
  });

  it("says what to fill in, focuses the first field, and doesn't call the server", async () => {
    renderSignIn();
    await submit("", "");
    expect(screen.getByText("Enter your email address.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(signInWithPassword).not.toHaveBeenCalled();
  });

  it("rejects a malformed email address", async () => {
    renderSignIn();
    await submit("ada@", "causeway-demo");
    expect(
      screen.getByText("Enter a valid email address, like name@company.com."),
    ).toBeInTheDocument();
    expect(signInWithPassword).not.toHaveBeenCalled();
  });

  it("says the email or password is wrong when the server rejects the credentials", async () => {
    signInWithPassword.mockResolvedValue({
      data: { user: null, session: null },
      error: new AuthApiError("Invalid login credentials", 400, "invalid_credentials"),
    });
    renderSignIn();
    await submit(" Ada@Acme.example ", "wrong-password");
    expect(signInWithPassword).toHaveBeenCalledWith({
      email: "Ada@Acme.example",
      password: "wrong-password",
    });
    expect(await screen.findByText("Email or password is incorrect.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("tells the person to check their connection when the request fails", async () => {
    signInWithPassword.mockResolvedValue({
      data: { user: null, session: null },
      error: new AuthRetryableFetchError("Failed to fetch", 0),
    });
    renderSignIn();
    await submit("ada@acme.example", "causeway-demo");
    expect(
      await screen.findByText(
        "Can't reach Causeway's server. Check your connection and try again.",
      ),
    ).toBeInTheDocument();
  });

  it("says the same when supabase-js throws instead of returning the error", async () => {
    signInWithPassword.mockRejectedValue(new TypeError("Failed to fetch"));
    renderSignIn();
    await submit("ada@acme.example", "causeway-demo");
    expect(
      await screen.findByText(
        "Can't reach Causeway's server. Check your connection and try again.",
      ),
    ).toBeInTheDocument();
  });

  it("runs the after-sign-in step, then returns to the page in `next`", async () => {
    signInWithPassword.mockResolvedValue({
      data: { user: ada, session: { user: ada } },
      error: null,
    } as unknown as Awaited<ReturnType<typeof supabase.auth.signInWithPassword>>);
    const { onSignedIn } = renderSignIn(
      `/sign-in?next=${encodeURIComponent("/o/acme/members?range=1M")}`,
    );
    await submit("ada@acme.example", "causeway-demo");
    expect(await screen.findByRole("status", { name: "Current location" })).toHaveTextContent(
      "/o/acme/members?range=1M",
    );
    expect(onSignedIn).toHaveBeenCalledWith(ada);
  });

  it("ignores a `next` that points to another site", async () => {
    signInWithPassword.mockResolvedValue({
      data: { user: ada, session: { user: ada } },
      error: null,
    } as unknown as Awaited<ReturnType<typeof supabase.auth.signInWithPassword>>);
    renderSignIn(`/sign-in?next=${encodeURIComponent("//evil.example/phish")}`);
    await submit("ada@acme.example", "causeway-demo");
    expect(await screen.findByRole("status", { name: "Current location" })).toHaveTextContent(
      /^\/$/,
    );
  });
});
