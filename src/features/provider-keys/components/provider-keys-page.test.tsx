import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { RequestError } from "@/lib/request-error";
import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import * as fn from "../api/provider-keys-function";
import { ProviderKeysPage } from "./provider-keys-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));
vi.mock("../api/provider-keys-function", () => ({
  saveProviderKey: vi.fn(),
  revokeProviderKey: vi.fn(),
  testProviderKey: vi.fn(),
}));

const hourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
const OPENAI_KEY = {
  id: "pk-openai",
  provider: "openai",
  last4: "abcd",
  created_by: TEST_USER.id,
  created_at: hourAgo,
  rotated_by: null,
  rotated_at: null,
  revoked_by: null,
  revoked_at: null,
  last_tested_at: hourAgo,
  last_test_ok: false,
  last_test_message: "OpenAI rejected the organization's API key: Incorrect API key provided.",
};
const OLD_GEMINI_KEY = {
  ...OPENAI_KEY,
  id: "pk-gemini-old",
  provider: "gemini",
  last4: "lmno",
  revoked_by: TEST_USER.id,
  revoked_at: hourAgo,
  last_tested_at: null,
  last_test_ok: null,
  last_test_message: null,
};

beforeEach(() => {
  vi.mocked(fn.saveProviderKey).mockReset();
  vi.mocked(fn.revokeProviderKey).mockReset();
  vi.mocked(fn.testProviderKey).mockReset();
  supabaseStub.reset();
  supabaseStub.onTable("profiles", () =>
    rows([{ id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada Admin" }]),
  );
  supabaseStub.onTable("provider_keys", () => rows([OPENAI_KEY, OLD_GEMINI_KEY]));
});

const card = async (name: string) => screen.findByRole("region", { name });

describe("ProviderKeysPage", () => {
  it("shows each provider's active key by its last four, who added it, and its last test", async () => {
    renderOrganizationPage(<ProviderKeysPage />, { path: "provider-keys" });
    const openai = await card("OpenAI");
    expect(openai).toHaveTextContent("Key ending …abcd");
    expect(openai).toHaveTextContent("by Ada Admin");
    expect(within(openai).getByRole("status", { name: "Last connection test" })).toHaveTextContent(
      "Connection failed",
    );
    // The ciphertext is never asked for.
    expect(supabaseStub.queries[0]!.columns).not.toContain("ciphertext");

    const anthropic = await card("Anthropic");
    expect(
      within(anthropic).getByRole("button", { name: "Add Anthropic key" }),
    ).toBeInTheDocument();
    // A revoked key is history, not the provider's key.
    expect(
      within(await card("Google Gemini")).getByRole("button", { name: "Add Google Gemini key" }),
    ).toBeInTheDocument();
    const revoked = screen.getByRole("region", { name: "Revoked keys" });
    expect(revoked).toHaveTextContent("…lmno");
  });

  it("adds a key through the provider-keys function and checks it before sending", async () => {
    vi.mocked(fn.saveProviderKey).mockResolvedValue(undefined);
    renderOrganizationPage(<ProviderKeysPage />, { path: "provider-keys" });
    await userEvent.click(
      within(await card("Anthropic")).getByRole("button", { name: "Add Anthropic key" }),
    );
    const dialog = await screen.findByRole("dialog");
    const input = within(dialog).getByLabelText("Anthropic API key");
    expect(input).toHaveAttribute("type", "password");
    await userEvent.type(input, "sk-ant with space");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add key" }));
    expect(within(dialog).getByText(/has a space or line break/)).toBeInTheDocument();
    expect(fn.saveProviderKey).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, "sk-ant-api03-0000000000wxyz");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add key" }));
    await waitFor(() =>
      expect(fn.saveProviderKey).toHaveBeenCalledWith({
        organizationId: TEST_ORGANIZATION.id,
        provider: "anthropic",
        mode: "add",
        key: "sk-ant-api03-0000000000wxyz",
      }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("keeps the dialog open with the server's reason when saving fails", async () => {
    vi.mocked(fn.saveProviderKey).mockRejectedValue(
      new RequestError(
        "The key wasn't rotated. Only engineers and admins of this organization can manage its provider keys.",
        { retryable: false },
      ),
    );
    renderOrganizationPage(<ProviderKeysPage />, { path: "provider-keys" });
    await userEvent.click(
      within(await card("OpenAI")).getByRole("button", { name: "Rotate OpenAI key" }),
    );
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("OpenAI API key"), "sk-proj-00000000new1");
    await userEvent.click(within(dialog).getByRole("button", { name: "Rotate key" }));
    expect(await within(dialog).findByText(/Only engineers and admins/)).toBeInTheDocument();
  });

  it("tests the connection and revokes only after confirming", async () => {
    vi.mocked(fn.testProviderKey).mockResolvedValue({
      ok: true,
      message: "Connected",
      latency_ms: 80,
    });
    vi.mocked(fn.revokeProviderKey).mockResolvedValue(undefined);
    renderOrganizationPage(<ProviderKeysPage />, { path: "provider-keys" });
    const openai = await card("OpenAI");
    await userEvent.click(
      within(openai).getByRole("button", { name: "Test the OpenAI connection" }),
    );
    await waitFor(() =>
      expect(fn.testProviderKey).toHaveBeenCalledWith(TEST_ORGANIZATION.id, "openai"),
    );

    await userEvent.click(within(openai).getByRole("button", { name: "Revoke OpenAI key" }));
    const confirm = await screen.findByRole("alertdialog");
    expect(confirm).toHaveTextContent("…abcd is erased from Causeway");
    expect(fn.revokeProviderKey).not.toHaveBeenCalled();
    await userEvent.click(within(confirm).getByRole("button", { name: "Revoke key" }));
    await waitFor(() =>
      expect(fn.revokeProviderKey).toHaveBeenCalledWith(TEST_ORGANIZATION.id, "openai"),
    );
  });
});
