import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { ApiKeysPage } from "./api-keys-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const SECRET = "cw_0123456789ab_S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3c";

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("api_keys", () => rows([]));
  supabaseStub.onRpc("create_api_key", () =>
    rows([
      {
        id: "key-1",
        name: "CI",
        prefix: "cw_0123456789ab",
        scopes: ["ingest"],
        created_at: "2026-11-21T12:00:00+00:00",
        secret: SECRET,
      },
    ]),
  );
});

async function openCreateDialog() {
  renderOrganizationPage(<ApiKeysPage />, { path: "api-keys" });
  await screen.findByRole("heading", { name: "No API keys yet" });
  await userEvent.click(screen.getByRole("button", { name: "Create API key" }));
  return screen.getByRole("dialog", { name: "Create an API key" });
}

/** A pointer press on the dimmed backdrop; Radix turns it into an "interact outside" event. */
async function clickOutside() {
  // The modal sets pointer-events: none on the page behind it, as a browser would honour.
  const user = userEvent.setup({ pointerEventsCheck: 0 });
  await user.click(document.querySelector("[data-slot=dialog-overlay]")!);
}

async function createKey() {
  const dialog = await openCreateDialog();
  await userEvent.type(within(dialog).getByLabelText("Name"), "  CI ");
  await userEvent.click(within(dialog).getByRole("checkbox", { name: "ingest" }));
  await userEvent.click(within(dialog).getByRole("button", { name: "Create key" }));
  return screen.findByRole("dialog", { name: "Copy your new key" });
}

describe("Create API key dialog: the form", () => {
  it("asks for a name and at least one scope before calling the database", async () => {
    const dialog = await openCreateDialog();

    await userEvent.click(within(dialog).getByRole("button", { name: "Create key" }));

    expect(within(dialog).getByLabelText("Name")).toHaveAccessibleDescription(
      expect.stringContaining("Name the key with at least 2 characters"),
    );
    expect(
      within(dialog).getByText("Choose at least one scope: what may this key be used for?"),
    ).toBeInTheDocument();
    expect(supabaseStub.rpcs).toHaveLength(0);
  });

  it("describes each scope next to its checkbox", async () => {
    const dialog = await openCreateDialog();
    expect(within(dialog).getByRole("checkbox", { name: "ingest" })).toHaveAccessibleDescription(
      "Send runs and outcomes",
    );
    expect(within(dialog).getByRole("checkbox", { name: "resolve" })).toHaveAccessibleDescription(
      "Fetch the live prompt, model and config",
    );
  });

  it("calls create_api_key with the trimmed name and the chosen scopes", async () => {
    await createKey();
    expect(supabaseStub.rpcs).toEqual([
      {
        fn: "create_api_key",
        args: { p_organization_id: TEST_ORGANIZATION.id, p_name: "CI", p_scopes: ["ingest"] },
      },
    ]);
  });

  it("shows the database's reason when it refuses", async () => {
    supabaseStub.onRpc("create_api_key", () =>
      failure("42501", "Only engineers and admins can create API keys"),
    );
    const dialog = await openCreateDialog();
    await userEvent.type(within(dialog).getByLabelText("Name"), "CI");
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "resolve" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Create key" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The API key wasn't created. Only engineers and admins can create API keys",
    );
  });
});

describe("Create API key dialog: the secret", () => {
  it("shows the secret once, read-only, with the warning and a copy button", async () => {
    const dialog = await createKey();

    const secret = within(dialog).getByLabelText("API key");
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute("readonly");
    expect(dialog).toHaveTextContent(
      "This is the only time the key is shown. Store it in your secret manager.",
    );
    expect(within(dialog).getByRole("button", { name: "Copy API key" })).toBeInTheDocument();
  });

  it("copies the secret to the clipboard", async () => {
    const user = userEvent.setup();
    const dialog = await createKey();

    await user.click(within(dialog).getByRole("button", { name: "Copy API key" }));

    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(dialog).getByRole("button", { name: "Copy API key" })).toHaveTextContent(
      "Copied",
    );
  });

  it("can't be closed with Escape, a click outside, or a close button while the secret is shown", async () => {
    const dialog = await createKey();

    await userEvent.keyboard("{Escape}");
    expect(dialog).toBeInTheDocument();

    await clickOutside();
    expect(dialog).toBeInTheDocument();

    expect(within(dialog).queryByRole("button", { name: "Close" })).not.toBeInTheDocument();
  });

  it('closes only with "I\'ve stored it", and the secret is gone afterwards', async () => {
    const dialog = await createKey();

    await userEvent.click(within(dialog).getByRole("button", { name: "I've stored it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Create API key" }));
    const reopened = screen.getByRole("dialog", { name: "Create an API key" });
    expect(within(reopened).getByLabelText("Name")).toHaveValue("");
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
  });

  it("refreshes the key list once the key exists", async () => {
    await createKey();
    const listReads = supabaseStub.queries.filter((query) => query.table === "api_keys");
    expect(listReads.length).toBeGreaterThanOrEqual(2);
  });
});

describe("Create API key dialog: before a key exists", () => {
  it("closes with Escape like any other dialog", async () => {
    await openCreateDialog();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("closes with a click outside like any other dialog", async () => {
    await openCreateDialog();
    await clickOutside();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});
