import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { NotificationBell } from "./notification-bell";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const REVIEW_REQUESTED = {
  id: "n-1",
  kind: "review_requested",
  title: "Pat Prompt asked you to review 'Warmer greeting'",
  body: "Book demo · 2 variants",
  experiment_id: "exp-1",
  read_at: null,
  created_at: minutesAgo(5),
};
const APPROVED = {
  id: "n-2",
  kind: "review_approved",
  title: "Priya Product approved 'Concise answers'",
  body: "",
  experiment_id: "exp-2",
  read_at: minutesAgo(60),
  created_at: minutesAgo(120),
};

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onRpc("mark_notifications_read", () => ({ data: 1, error: null }));
  supabaseStub.onRpc("mark_all_notifications_read", () => ({ data: 1, error: null }));
});

function renderBell() {
  return renderOrganizationPage(<NotificationBell />, { path: "overview" });
}

describe("NotificationBell", () => {
  it("shows the unread count and lists the signed-in person's notifications in this organization", async () => {
    supabaseStub.onTable("notifications", () => rows([REVIEW_REQUESTED, APPROVED]));
    renderBell();

    const bell = await screen.findByRole("button", { name: "Notifications, 1 unread" });
    const query = supabaseStub.queries.find((q) => q.table === "notifications")!;
    expect(query.modifiers).toContainEqual(["eq", "organization_id", TEST_ORGANIZATION.id]);
    expect(query.modifiers).toContainEqual(["eq", "user_id", TEST_USER.id]);

    await userEvent.click(bell);
    const list = await screen.findByRole("list", { name: "Notifications" });
    const [first, second] = within(list).getAllByRole("link");
    expect(first).toHaveTextContent("Pat Prompt asked you to review 'Warmer greeting' (unread)");
    expect(first).toHaveAttribute("href", `/o/${TEST_ORGANIZATION.slug}/experiments/exp-1`);
    expect(second).toHaveTextContent("Priya Product approved 'Concise answers'");
    expect(second).not.toHaveTextContent("(unread)");
  });

  it("marks a notification read when it is opened", async () => {
    supabaseStub.onTable("notifications", () => rows([REVIEW_REQUESTED]));
    renderBell();
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));
    await userEvent.click(await screen.findByRole("link", { name: /Warmer greeting/ }));

    await waitFor(() =>
      expect(supabaseStub.rpcs).toContainEqual({
        fn: "mark_notifications_read",
        args: { p_notification_ids: ["n-1"] },
      }),
    );
  });

  it("marks all read in this organization", async () => {
    supabaseStub.onTable("notifications", () => rows([REVIEW_REQUESTED]));
    renderBell();
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));
    await userEvent.click(screen.getByRole("button", { name: "Mark all read" }));

    await waitFor(() =>
      expect(supabaseStub.rpcs).toContainEqual({
        fn: "mark_all_notifications_read",
        args: { p_organization_id: TEST_ORGANIZATION.id },
      }),
    );
  });

  it("says what will appear when there is nothing yet, with mark-all disabled", async () => {
    supabaseStub.onTable("notifications", () => rows([]));
    renderBell();
    await userEvent.click(await screen.findByRole("button", { name: "Notifications" }));
    expect(await screen.findByText(/Review requests and decisions/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  });
});
