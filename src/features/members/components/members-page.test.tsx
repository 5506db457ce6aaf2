import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { MembersPage } from "./members-page";
import { PAT, stubMembersData, writesTo } from "./members.fixtures";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

beforeEach(() => supabaseStub.reset());

function renderMembersPage() {
  return renderOrganizationPage(<MembersPage />, { path: "members" });
}

async function chooseRole(trigger: HTMLElement, role: string) {
  await userEvent.click(trigger);
  await userEvent.click(await screen.findByRole("option", { name: role }));
}

describe("MembersPage: member list", () => {
  it("lists each member with name, email, role and join date, and marks the signed-in user", async () => {
    stubMembersData();
    renderMembersPage();

    const ada = (await screen.findByText("Ada Admin")).closest("tr")!;
    expect(within(ada).getByText("ada@acme.example")).toBeInTheDocument();
    expect(within(ada).getByText("You")).toBeInTheDocument();
    expect(within(ada).getByRole("combobox", { name: "Your role" })).toHaveTextContent("Admin");
    expect(within(ada).getByText("1 Oct 2026")).toBeInTheDocument();
    expect(within(ada).getByRole("button", { name: "Leave" })).toBeInTheDocument();

    const pat = screen.getByText("Pat Prompt").closest("tr")!;
    expect(within(pat).getByText("pat@acme.example")).toBeInTheDocument();
    expect(within(pat).getByRole("combobox", { name: "Role of Pat Prompt" })).toHaveTextContent(
      "Prompt engineer",
    );
    expect(within(pat).getByText("15 Oct 2026")).toBeInTheDocument();
    expect(within(pat).getByRole("button", { name: "Remove Pat Prompt" })).toBeInTheDocument();

    // Names come from a second query: memberships can't embed profiles.
    const profileQuery = supabaseStub.queries.find((query) => query.table === "profiles")!;
    expect(profileQuery.modifiers).toContainEqual(["in", "id", [TEST_USER.id, PAT.id]]);
  });

  it("says so when no members are visible", async () => {
    stubMembersData({ memberships: [] });
    renderMembersPage();
    expect(await screen.findByRole("heading", { name: "No members to show" })).toBeInTheDocument();
  });

  it("says so when nobody is waiting on an invitation", async () => {
    stubMembersData();
    renderMembersPage();
    expect(
      await screen.findByRole("heading", { name: "No pending invitations" }),
    ).toBeInTheDocument();
  });

  it("explains a failed load and offers to try again", async () => {
    stubMembersData();
    supabaseStub.onTable("profiles", () => ({
      data: null,
      error: { message: "boom" },
      status: 503,
    }));
    renderMembersPage();
    const alert = await screen.findByText("The members couldn't be loaded");
    expect(alert.closest("[role=alert]")).toHaveTextContent(
      "Couldn't load the names of the people involved. The server had a problem: try again in a moment.",
    );
    expect(screen.getAllByRole("button", { name: "Try again" }).length).toBeGreaterThan(0);
  });
});

describe("MembersPage: changing roles", () => {
  it("updates the member's role in this organization", async () => {
    stubMembersData();
    renderMembersPage();

    await chooseRole(
      await screen.findByRole("combobox", { name: "Role of Pat Prompt" }),
      "Enablement",
    );

    await waitFor(() => expect(writesTo("memberships")).toHaveLength(1));
    const [update] = writesTo("memberships");
    expect(update).toMatchObject({ operation: "update", values: { role: "enablement" } });
    expect(update!.modifiers).toEqual(
      expect.arrayContaining([
        ["eq", "organization_id", TEST_ORGANIZATION.id],
        ["eq", "user_id", PAT.id],
      ]),
    );
  });

  it("shows the database's own explanation when it refuses a role change", async () => {
    stubMembersData({
      onMembershipWrite: () =>
        failure(
          "42501",
          "An organization must keep at least one admin: promote another member first",
        ),
    });
    renderMembersPage();

    await chooseRole(await screen.findByRole("combobox", { name: "Your role" }), "Engineer");
    // Giving up admin rights is confirmed first.
    const confirm = await screen.findByRole("alertdialog", { name: "Step down to Engineer?" });
    await userEvent.click(within(confirm).getByRole("button", { name: "Step down" }));

    const alert = (await screen.findByText("You are still Admin")).closest("[role=alert]");
    expect(alert).toHaveTextContent(
      "The role wasn't changed. An organization must keep at least one admin: promote another member first",
    );
    // The select shows the role the member still has.
    expect(screen.getByRole("combobox", { name: "Your role" })).toHaveTextContent("Admin");

    await userEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText("You are still Admin")).not.toBeInTheDocument();
  });

  it("replaces Postgres' developer wording for a permission failure with what to do", async () => {
    stubMembersData({
      onMembershipWrite: () => failure("42501", "permission denied for table memberships"),
    });
    renderMembersPage();

    await chooseRole(
      await screen.findByRole("combobox", { name: "Role of Pat Prompt" }),
      "Operations",
    );

    const alert = (await screen.findByText("Pat Prompt is still Prompt engineer")).closest(
      "[role=alert]",
    );
    expect(alert).toHaveTextContent(
      "The role wasn't changed. You don't have permission to do this.",
    );
  });

  it("says nothing changed when row-level security filtered the update out", async () => {
    stubMembersData({ onMembershipWrite: () => rows([]) });
    renderMembersPage();

    await chooseRole(
      await screen.findByRole("combobox", { name: "Role of Pat Prompt" }),
      "Operations",
    );

    expect(
      await screen.findByText(/this person may have left, or your admin access was removed/),
    ).toBeInTheDocument();
  });

  it("does nothing when the admin keeps their admin role after all", async () => {
    stubMembersData();
    renderMembersPage();

    await chooseRole(await screen.findByRole("combobox", { name: "Your role" }), "Operations");
    await userEvent.click(await screen.findByRole("button", { name: "Keep admin access" }));

    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(writesTo("memberships")).toHaveLength(0);
  });
});

describe("MembersPage: removing members", () => {
  it("removes a member after confirmation", async () => {
    stubMembersData();
    renderMembersPage();

    await userEvent.click(await screen.findByRole("button", { name: "Remove Pat Prompt" }));
    const dialog = screen.getByRole("alertdialog", {
      name: "Remove Pat Prompt from Acme Commerce?",
    });
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));

    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    const [removal] = writesTo("memberships");
    expect(removal).toMatchObject({ operation: "delete" });
    expect(removal!.modifiers).toContainEqual(["eq", "user_id", PAT.id]);
  });

  it("keeps the dialog open with the database's reason when it refuses", async () => {
    stubMembersData({
      onMembershipWrite: () =>
        failure(
          "42501",
          "An organization must keep at least one admin: promote another member first",
        ),
    });
    renderMembersPage();

    await userEvent.click(await screen.findByRole("button", { name: "Leave" }));
    const dialog = screen.getByRole("alertdialog", { name: "Leave Acme Commerce?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Leave organization" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Nobody was removed. An organization must keep at least one admin: promote another member first",
    );
  });

  it("takes the user out of the organization after they leave", async () => {
    stubMembersData();
    renderMembersPage();

    await userEvent.click(await screen.findByRole("button", { name: "Leave" }));
    await userEvent.click(screen.getByRole("button", { name: "Leave organization" }));

    expect(await screen.findByText("Navigated to /")).toBeInTheDocument();
  });
});

describe("MembersPage: pending invitations", () => {
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const invitations = [
    {
      id: "inv-open",
      email: "new.analyst@acme.example",
      role: "product_manager",
      invited_by: TEST_USER.id,
      created_at: new Date(now - day).toISOString(),
      expires_at: new Date(now + 13 * day + 60_000).toISOString(),
    },
    {
      id: "inv-expired",
      email: "late.joiner@acme.example",
      role: "operations",
      invited_by: TEST_USER.id,
      created_at: new Date(now - 30 * day).toISOString(),
      expires_at: new Date(now - 16 * day).toISOString(),
    },
  ];

  it("shows each invitation's role, sender, expiry and state", async () => {
    stubMembersData({ invitations });
    renderMembersPage();

    const open = (await screen.findByRole("cell", { name: "new.analyst@acme.example" })).closest(
      "tr",
    )!;
    expect(open).toHaveTextContent("Product manager");
    expect(open).toHaveTextContent("Ada Admin");
    expect(open).toHaveTextContent("in 13 days");
    expect(within(open).getByText("Pending")).toBeInTheDocument();
    expect(within(open).queryByRole("button", { name: /Re-invite/ })).not.toBeInTheDocument();

    const expired = screen.getByRole("cell", { name: "late.joiner@acme.example" }).closest("tr")!;
    expect(expired).toHaveTextContent("Expired 16 days ago");
    expect(
      within(expired).getByText("Expired", { selector: "[data-slot=badge]" }),
    ).toBeInTheDocument();
  });

  it("re-invites an expired invitation by revoking it and creating a new one", async () => {
    stubMembersData({ invitations });
    renderMembersPage();

    await userEvent.click(
      await screen.findByRole("button", { name: "Re-invite late.joiner@acme.example" }),
    );

    await waitFor(() => expect(writesTo("invitations")).toHaveLength(2));
    const [revoke, invite] = writesTo("invitations");
    expect(revoke).toMatchObject({
      operation: "update",
      values: { revoked_at: expect.any(String) },
    });
    expect(revoke!.modifiers).toContainEqual(["eq", "id", "inv-expired"]);
    expect(invite).toMatchObject({
      operation: "insert",
      values: {
        organization_id: TEST_ORGANIZATION.id,
        email: "late.joiner@acme.example",
        role: "operations",
        invited_by: TEST_USER.id,
      },
    });
  });

  it("revokes an invitation after confirmation", async () => {
    stubMembersData({ invitations });
    renderMembersPage();

    await userEvent.click(
      await screen.findByRole("button", {
        name: "Revoke the invitation for new.analyst@acme.example",
      }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Revoke invitation" }));

    await waitFor(() => expect(writesTo("invitations")).toHaveLength(1));
    expect(writesTo("invitations")[0]!.modifiers).toContainEqual(["eq", "id", "inv-open"]);
  });
});
