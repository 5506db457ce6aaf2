import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { ApiKeysPage } from "./api-keys-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const ACTIVE_KEY = {
  id: "key-active",
  name: "Checkout service",
  prefix: "cw_a1b2c3d4e5f6",
  scopes: ["ingest", "resolve"],
  created_by: TEST_USER.id,
  created_at: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString(),
  last_used_at: null,
  revoked_at: null,
};
const REVOKED_KEY = {
  ...ACTIVE_KEY,
  id: "key-revoked",
  name: "Old CI",
  prefix: "cw_ffffffffffff",
  scopes: ["ingest"],
  last_used_at: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString(),
  revoked_at: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
};

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("profiles", () =>
    rows([{ id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada Admin" }]),
  );
});

function renderApiKeysPage() {
  return renderOrganizationPage(<ApiKeysPage />, { path: "api-keys" });
}

describe("ApiKeysPage", () => {
  it("explains what keys are for when there are none", async () => {
    supabaseStub.onTable("api_keys", () => rows([]));
    renderApiKeysPage();

    const empty = (await screen.findByRole("heading", { name: "No API keys yet" })).parentElement!;
    expect(empty).toHaveTextContent("API keys authenticate machines, not people");
    expect(empty).toHaveTextContent('curl -H "Authorization: Bearer $CAUSEWAY_API_KEY"');
  });

  it("lists keys with prefix, scopes, creator, dates and status, active ones first", async () => {
    supabaseStub.onTable("api_keys", () => rows([REVOKED_KEY, ACTIVE_KEY]));
    renderApiKeysPage();

    await screen.findByText("Checkout service");
    const [, active, revoked] = screen.getAllByRole("row");
    expect(within(active!).getByText("Checkout service")).toBeInTheDocument();
    expect(within(active!).getByText("cw_a1b2c3d4e5f6…")).toBeInTheDocument();
    expect(within(active!).getByText("ingest")).toBeInTheDocument();
    expect(within(active!).getByText("resolve")).toBeInTheDocument();
    expect(active).toHaveTextContent("Ada Admin");
    expect(active).toHaveTextContent("3 days ago");
    expect(active).toHaveTextContent("Never");
    expect(within(active!).getByText("Active")).toBeInTheDocument();
    expect(
      within(active!).getByRole("button", { name: "Revoke API key Checkout service" }),
    ).toBeInTheDocument();

    expect(within(revoked!).getByText("Old CI")).toBeInTheDocument();
    expect(revoked).toHaveTextContent("about 2 hours ago");
    expect(within(revoked!).getByText("Revoked")).toBeInTheDocument();
    expect(within(revoked!).queryByRole("button", { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it("never asks for the key hash", async () => {
    supabaseStub.onTable("api_keys", () => rows([ACTIVE_KEY]));
    renderApiKeysPage();
    await screen.findByText("Checkout service");

    const read = supabaseStub.queries.find((query) => query.table === "api_keys")!;
    expect(read.columns).toBe(
      "id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at",
    );
    expect(read.modifiers).toContainEqual(["eq", "organization_id", TEST_ORGANIZATION.id]);
  });

  it("revokes a key after confirmation", async () => {
    supabaseStub.onTable("api_keys", () => rows([ACTIVE_KEY]));
    supabaseStub.onRpc("revoke_api_key", () => ({ data: null, error: null }));
    renderApiKeysPage();

    await userEvent.click(
      await screen.findByRole("button", { name: "Revoke API key Checkout service" }),
    );
    const dialog = screen.getByRole("alertdialog", { name: "Revoke API key 'Checkout service'?" });
    expect(dialog).toHaveTextContent("cw_a1b2c3d4e5f6");
    await userEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));

    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(supabaseStub.rpcs).toEqual([{ fn: "revoke_api_key", args: { p_key_id: "key-active" } }]);
  });

  it("keeps the confirmation open with the database's reason when revoking fails", async () => {
    supabaseStub.onTable("api_keys", () => rows([ACTIVE_KEY]));
    supabaseStub.onRpc("revoke_api_key", () =>
      failure("42501", "API key not found, or you may not revoke it"),
    );
    renderApiKeysPage();

    await userEvent.click(
      await screen.findByRole("button", { name: "Revoke API key Checkout service" }),
    );
    const dialog = screen.getByRole("alertdialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The API key wasn't revoked. API key not found, or you may not revoke it",
    );
  });
});
