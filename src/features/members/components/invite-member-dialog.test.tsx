import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { failure, supabaseStub } from "@/test/supabase-stub";
import { MembersPage } from "./members-page";
import { stubMembersData, writesTo } from "./members.fixtures";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

beforeEach(() => supabaseStub.reset());

async function openInviteDialog() {
  renderOrganizationPage(<MembersPage />, { path: "members" });
  // Wait for the member list: the dialog checks addresses against it.
  await screen.findByText("Pat Prompt");
  await userEvent.click(screen.getByRole("button", { name: "Invite member" }));
  return screen.getByRole("dialog", { name: "Invite a member" });
}

async function chooseRole(dialog: HTMLElement, role: string) {
  await userEvent.click(within(dialog).getByRole("combobox", { name: "Role" }));
  await userEvent.click(await screen.findByRole("option", { name: role }));
}

describe("Invite member dialog", () => {
  it("explains how the invited person joins", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();
    expect(dialog).toHaveAccessibleDescription(
      expect.stringContaining("as soon as they sign up, or sign in, with this email address"),
    );
  });

  it("asks for an email and a role, focusing the first missing field, and sends nothing", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();

    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    const email = within(dialog).getByLabelText("Email");
    expect(email).toHaveAccessibleDescription("Enter the email address of the person to invite.");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveFocus();
    expect(within(dialog).getByRole("combobox", { name: "Role" })).toHaveAccessibleDescription(
      "Choose the role they'll have when they join.",
    );
    expect(writesTo("invitations")).toHaveLength(0);
  });

  it("rejects an incomplete email address", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();

    await userEvent.type(within(dialog).getByLabelText("Email"), "pat@acme");
    await chooseRole(dialog, "Operations");
    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    expect(within(dialog).getByLabelText("Email")).toHaveAccessibleDescription(
      "Enter a full email address, like name@company.com.",
    );
    expect(writesTo("invitations")).toHaveLength(0);
  });

  it("clears a field's error as soon as it is edited", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();
    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    await userEvent.type(within(dialog).getByLabelText("Email"), "x");

    expect(within(dialog).getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(within(dialog).getByRole("combobox", { name: "Role" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("won't invite someone who is already a member", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();

    await userEvent.type(within(dialog).getByLabelText("Email"), "PAT@acme.example");
    await chooseRole(dialog, "Operations");
    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    expect(within(dialog).getByLabelText("Email")).toHaveAccessibleDescription(
      "pat@acme.example is already a member of Acme Commerce.",
    );
    expect(writesTo("invitations")).toHaveLength(0);
  });

  it("invites the trimmed, lowercased address with the chosen role, as the signed-in admin", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();

    await userEvent.type(within(dialog).getByLabelText("Email"), "  New.Person@Example.COM ");
    await chooseRole(dialog, "Operations");
    expect(dialog).toHaveTextContent(
      "Health dashboards, anomaly alerts, troubleshooting drill-downs",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(writesTo("invitations")).toEqual([
      expect.objectContaining({
        operation: "insert",
        values: {
          organization_id: TEST_ORGANIZATION.id,
          email: "new.person@example.com",
          role: "operations",
          invited_by: TEST_USER.id,
        },
      }),
    ]);
  });

  it("says when an invitation for the address is already pending", async () => {
    stubMembersData({
      onInvitationWrite: () =>
        failure(
          "23505",
          'duplicate key value violates unique constraint "invitations_open_email_idx"',
          409,
        ),
    });
    const dialog = await openInviteDialog();

    await userEvent.type(within(dialog).getByLabelText("Email"), "new.analyst@acme.example");
    await chooseRole(dialog, "Product manager");
    await userEvent.click(within(dialog).getByRole("button", { name: "Invite" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "An invitation for that email is already pending.",
    );
    expect(screen.getByRole("dialog", { name: "Invite a member" })).toBeInTheDocument();
  });

  it("starts empty again after being cancelled", async () => {
    stubMembersData();
    const dialog = await openInviteDialog();
    await userEvent.type(within(dialog).getByLabelText("Email"), "someone@example.com");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));

    await userEvent.click(screen.getByRole("button", { name: "Invite member" }));

    expect(screen.getByLabelText("Email")).toHaveValue("");
  });
});
