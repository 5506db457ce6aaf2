import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { MyOrganization } from "@/features/organizations";
import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { SavedViewsMenu } from "./saved-views-menu";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const PERSONAL_ID = "00000000-0000-4000-8000-0000000000b1";
const SHARED_ID = "00000000-0000-4000-8000-0000000000b2";

const VIEWS = [
  {
    id: PERSONAL_ID,
    name: "Weekly review",
    scope: "personal",
    owner_id: TEST_USER.id,
    path: "/overview",
    query: "range=7D",
    updated_at: "2026-11-20 10:00:00+00",
  },
  {
    id: SHARED_ID,
    name: "Quarterly conversion",
    scope: "organization",
    owner_id: "00000000-0000-4000-8000-0000000000a2",
    path: "/overview",
    query: "range=3M",
    updated_at: "2026-11-20 10:00:00+00",
  },
];

function setUp(update = () => rows([{ id: PERSONAL_ID }])) {
  supabaseStub.reset();
  supabaseStub.onTable("saved_views", (query) =>
    query.operation === "update" ? update() : rows(VIEWS),
  );
}

const updates = () => supabaseStub.queries.filter((query) => query.operation === "update");

async function openRename(name: string, organization?: MyOrganization) {
  renderOrganizationPage(<SavedViewsMenu />, { path: "overview", organization });
  await userEvent.click(await screen.findByRole("button", { name: "Views" }));
  await userEvent.click(await screen.findByRole("button", { name: `Rename ${name}` }));
  const dialog = await screen.findByRole("dialog", { name: `Rename “${name}”` });
  return { dialog, input: within(dialog).getByRole<HTMLInputElement>("textbox", { name: "Name" }) };
}

describe("Renaming a saved view", () => {
  it("starts from the current name, selected, and saves the new one on Enter", async () => {
    setUp();
    const { dialog, input } = await openRename("Weekly review");

    expect(input).toHaveValue("Weekly review");
    expect(input).toHaveFocus();
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, "Weekly review".length]);

    // Typing replaces the selected name.
    await userEvent.keyboard("  Conversion deep dive {Enter}");

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(updates()).toEqual([
      expect.objectContaining({
        table: "saved_views",
        values: { name: "Conversion deep dive" },
        modifiers: [["eq", "id", PERSONAL_ID]],
      }),
    ]);
  });

  it("shows a name that is taken on the field, and clears it once the name is edited", async () => {
    setUp(() => failure("23505", "duplicate key value violates unique constraint", 409));
    const { dialog, input } = await openRename("Weekly review");

    await userEvent.clear(input);
    await userEvent.type(input, "Monthly review{Enter}");

    expect(
      await within(dialog).findByText(
        "You already have a view named “Monthly review”. Choose another name.",
      ),
    ).toHaveAttribute("role", "alert");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveFocus();

    await userEvent.type(input, " 2");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("words a clash among shared views for the organization", async () => {
    setUp(() => failure("23505", "duplicate key value violates unique constraint", 409));
    const { dialog } = await openRename("Quarterly conversion");

    await userEvent.keyboard("Weekly review{Enter}");

    expect(
      await within(dialog).findByText(
        "The organization already has a shared view named “Weekly review”. Choose another name.",
      ),
    ).toBeInTheDocument();
  });

  it("checks the name before saving, like saving a view does", async () => {
    setUp();
    const { dialog, input } = await openRename("Weekly review");

    await userEvent.clear(input);
    await userEvent.type(input, "   {Enter}");
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Give the view a name.");

    await userEvent.type(input, "x".repeat(121));
    await userEvent.click(within(dialog).getByRole("button", { name: "Rename" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent(
      "Keep the name under 120 characters.",
    );
    expect(updates()).toEqual([]);
  });

  it("says so when the view is gone or the rename was not allowed", async () => {
    setUp(() => rows([]));
    const { dialog, input } = await openRename("Weekly review");

    await userEvent.keyboard("Renamed{Enter}");

    expect(
      await within(dialog).findByText(/Couldn't rename the view\. It was deleted/),
    ).toBeVisible();
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("closes on Escape without saving and keeps the list open", async () => {
    setUp();
    const { dialog } = await openRename("Weekly review");

    await userEvent.keyboard("Something else{Escape}");

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(updates()).toEqual([]);
    expect(screen.getByRole("link", { name: "Weekly review" })).toBeInTheDocument();
  });

  it("offers renaming shared views only to the roles that may share them", async () => {
    setUp();
    renderOrganizationPage(<SavedViewsMenu />, {
      path: "overview",
      organization: { ...TEST_ORGANIZATION, role: "engineer" },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Views" }));

    expect(await screen.findByRole("button", { name: "Rename Weekly review" })).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Rename Quarterly conversion" }),
    ).not.toBeInTheDocument();
  });
});
