import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { OrganizationSettingsPage } from "./organization-settings-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("organizations", () => rows([{ id: TEST_ORGANIZATION.id }]));
});

function renderSettings() {
  return renderOrganizationPage(<OrganizationSettingsPage />, { path: "settings" });
}

function organizationWrites() {
  return supabaseStub.queries.filter((query) => query.table === "organizations");
}

describe("OrganizationSettingsPage", () => {
  it("shows the slug and ID read-only, each with a copy button", async () => {
    renderSettings();
    expect(await screen.findByLabelText("Slug")).toHaveValue("acme-commerce");
    expect(screen.getByLabelText("Slug")).toHaveAttribute("readonly");
    expect(screen.getByLabelText("Organization ID")).toHaveValue(TEST_ORGANIZATION.id);
    expect(screen.getByRole("button", { name: "Copy slug" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy organization ID" })).toBeInTheDocument();
  });

  it("offers to save only once the name has changed", async () => {
    renderSettings();
    expect(await screen.findByLabelText("Organization name")).toHaveValue("Acme Commerce");
    expect(screen.getByRole("button", { name: "Save name" })).toBeDisabled();

    await userEvent.type(screen.getByLabelText("Organization name"), " Ltd");
    expect(screen.getByRole("button", { name: "Save name" })).toBeEnabled();
  });

  it("rejects names shorter than 2 or longer than 80 characters", async () => {
    renderSettings();
    const name = await screen.findByLabelText("Organization name");

    await userEvent.clear(name);
    await userEvent.type(name, " A ");
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));
    expect(name).toHaveAccessibleDescription(
      "Use at least 2 characters for the organization's name.",
    );
    expect(name).toHaveFocus();

    await userEvent.clear(name);
    await userEvent.type(name, "x".repeat(81));
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));
    expect(name).toHaveAccessibleDescription(
      "Keep the organization's name to 80 characters or fewer.",
    );

    expect(organizationWrites()).toHaveLength(0);
  });

  it("saves the trimmed name and refreshes the organizations the shell shows", async () => {
    renderSettings();
    const name = await screen.findByLabelText("Organization name");
    await userEvent.clear(name);
    await userEvent.type(name, "  Acme Retail  ");
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));

    await waitFor(() => expect(organizationWrites()).toHaveLength(1));
    expect(organizationWrites()[0]).toMatchObject({
      operation: "update",
      values: { name: "Acme Retail" },
      modifiers: [["eq", "id", TEST_ORGANIZATION.id]],
    });
    await waitFor(() => {
      const myOrganizationReads = supabaseStub.queries.filter(
        (query) => query.table === "memberships" && query.columns?.includes("organizations"),
      );
      expect(myOrganizationReads).toHaveLength(2);
    });
  });

  it("says why the rename failed", async () => {
    supabaseStub.onTable("organizations", () =>
      failure("42501", "permission denied for table organizations"),
    );
    renderSettings();
    const name = await screen.findByLabelText("Organization name");
    await userEvent.type(name, " Ltd");
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));

    const form = name.closest("form")!;
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "The organization wasn't renamed. You don't have permission to do this.",
    );
  });
});
