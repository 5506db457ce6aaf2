import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { rows, supabaseStub, type RecordedQuery } from "@/test/supabase-stub";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { DiscussionTab } from "./discussion-tab";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const EXPERIMENT_ID = "00000000-0000-4000-8000-00000000e001";
const OTHER_USER = "00000000-0000-4000-8000-0000000000b2";

const EXPERIMENT = {
  id: EXPERIMENT_ID,
  organizationId: TEST_ORGANIZATION.id,
  versions: [],
} as unknown as ExperimentDetail;

const COMMENTS = [
  {
    id: "comment-mine",
    body: "Shall we try a warmer tone?",
    version_id: null,
    anchor: null,
    created_by: TEST_USER.id,
    created_at: "2026-11-21T10:00:00+00:00",
    updated_at: "2026-11-21T10:00:00+00:00",
  },
  {
    id: "comment-theirs",
    body: "Looks good to me.",
    version_id: null,
    anchor: null,
    created_by: OTHER_USER,
    created_at: "2026-11-21T11:00:00+00:00",
    updated_at: "2026-11-21T11:30:00+00:00",
  },
];

function writes(operation: RecordedQuery["operation"]) {
  return supabaseStub.queries.filter(
    (query) => query.table === "experiment_comments" && query.operation === operation,
  );
}

async function renderDiscussion(role = TEST_ORGANIZATION.role) {
  renderOrganizationPage(<DiscussionTab experiment={EXPERIMENT} />, {
    path: `experiments/${EXPERIMENT_ID}`,
    organization: { ...TEST_ORGANIZATION, role },
  });
  await screen.findByText("Looks good to me.", {}, { timeout: 5000 });
}

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("experiment_comments", (query) =>
    query.operation === "select" ? rows(COMMENTS) : rows([{ id: "x" }]),
  );
  supabaseStub.onTable("profiles", () =>
    rows([
      { id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada" },
      { id: OTHER_USER, email: "bo@acme.example", display_name: "Bo" },
    ]),
  );
});

describe("Comments: editing and deleting", { timeout: 20_000 }, () => {
  it("lets authors edit and delete their own, and admins delete anyone's", async () => {
    await renderDiscussion("admin");
    const mine = screen.getByRole("listitem", { name: "Comment by you" });
    expect(within(mine).getByRole("button", { name: "Edit your comment" })).toBeVisible();
    expect(within(mine).getByRole("button", { name: "Delete your comment" })).toBeVisible();
    const theirs = screen.getByRole("listitem", { name: "Comment by Bo" });
    expect(theirs).toHaveTextContent("(edited)");
    expect(within(theirs).queryByRole("button", { name: /Edit/ })).not.toBeInTheDocument();
    expect(within(theirs).getByRole("button", { name: "Delete Bo's comment" })).toBeVisible();
  });

  it("offers nothing on other people's comments to other roles", async () => {
    await renderDiscussion("prompt_engineer");
    const theirs = screen.getByRole("listitem", { name: "Comment by Bo" });
    expect(within(theirs).queryByRole("button")).not.toBeInTheDocument();
    expect(
      within(screen.getByRole("listitem", { name: "Comment by you" })).getAllByRole("button"),
    ).toHaveLength(2);
  });

  it("edits in place from the keyboard: Escape cancels, Ctrl+Enter saves", async () => {
    await renderDiscussion("engineer");
    const mine = screen.getByRole("listitem", { name: "Comment by you" });
    const edit = within(mine).getByRole("button", { name: "Edit your comment" });
    edit.focus();
    await userEvent.keyboard("{Enter}");
    const field = within(mine).getByLabelText("Your comment");
    expect(field).toHaveFocus();
    expect(field).toHaveValue("Shall we try a warmer tone?");

    await userEvent.keyboard("{Escape}");
    expect(within(mine).queryByLabelText("Your comment")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(within(mine).getByRole("button", { name: "Edit your comment" })).toHaveFocus(),
    );

    await userEvent.keyboard("{Enter}");
    await userEvent.clear(within(mine).getByLabelText("Your comment"));
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(within(mine).getByLabelText("Your comment")).toHaveAccessibleDescription(
      expect.stringContaining("Write a comment first."),
    );
    expect(writes("update")).toHaveLength(0);

    await userEvent.type(within(mine).getByLabelText("Your comment"), " Warmer, please. ");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(writes("update")).toHaveLength(1));
    expect(writes("update")[0]).toMatchObject({
      values: { body: "Warmer, please." },
      modifiers: [["eq", "id", "comment-mine"]],
    });
    // The discussion is loaded again with the saved text.
    await waitFor(() => expect(writes("select").length).toBeGreaterThanOrEqual(2));
  });

  it("asks before deleting, and says why when the database refuses", async () => {
    supabaseStub.onTable("experiment_comments", (query) =>
      query.operation === "select" ? rows(COMMENTS) : rows([]),
    );
    await renderDiscussion("admin");
    await userEvent.click(screen.getByRole("button", { name: "Delete Bo's comment" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete Bo's comment?" });
    expect(writes("delete")).toHaveLength(0);
    await userEvent.click(within(confirm).getByRole("button", { name: "Delete comment" }));

    expect(await within(confirm).findByRole("alert")).toHaveTextContent(
      "The comment wasn't deleted: it is already gone, or only its author and admins may delete it.",
    );
    expect(writes("delete")[0]!.modifiers).toContainEqual(["eq", "id", "comment-theirs"]);
  });

  it("deletes after confirming", async () => {
    await renderDiscussion("prompt_engineer");
    await userEvent.click(screen.getByRole("button", { name: "Delete your comment" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete your comment?" });
    await userEvent.click(within(confirm).getByRole("button", { name: "Delete comment" }));
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
    expect(writes("delete")).toHaveLength(1);
  });
});
