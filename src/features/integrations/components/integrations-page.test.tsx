import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { RequestError } from "@/lib/request-error";
import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import * as hubspotFunction from "../api/hubspot-function";
import { IntegrationsPage } from "./integrations-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));
// HubSpot is reached only through the hubspot-sync edge function; these are its answers.
vi.mock("../api/hubspot-function", () => ({
  connectHubspot: vi.fn(),
  syncHubspot: vi.fn(),
  fetchDealPipelines: vi.fn(),
  fetchHubspotProperties: vi.fn(),
}));
const fn = vi.mocked(hubspotFunction);

const CONNECTION = {
  portal_id: "40000123",
  token_last_four: "9f3a",
  status: "connected",
  last_error: null,
  last_synced_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  next_sync_after: null,
  connected_at: new Date(Date.now() - 86_400_000).toISOString(),
};
const MAPPING = {
  id: "map-1",
  object: "deals",
  transform: "one",
  property: "dealstage",
  equals: "closedwon",
  only_when_stage: null,
  metric_key: "conversion",
  account_property: "customer_account",
  end_user_property: null,
};
const RUN = {
  id: "run-1",
  trigger: "scheduled",
  full_sync: false,
  started_at: new Date(Date.now() - 60 * 60_000).toISOString(),
  finished_at: new Date(Date.now() - 60 * 60_000 + 4_000).toISOString(),
  status: "rate_limited",
  pages: 2,
  records: 200,
  outcomes_written: 37,
  error: "HubSpot rate limit: You have reached your secondly limit.",
  retry_after: null,
};

beforeEach(() => {
  supabaseStub.reset();
  vi.resetAllMocks();
  fn.fetchDealPipelines.mockResolvedValue([
    {
      id: "default",
      label: "Sales Pipeline",
      stages: [
        { id: "contractsent", label: "Contract Sent", closed: false },
        { id: "closedwon", label: "Closed Won", closed: true },
      ],
    },
  ]);
  fn.fetchHubspotProperties.mockImplementation((_org, object) =>
    Promise.resolve(
      object === "deals"
        ? [{ name: "customer_account", label: "Customer account", type: "string", options: [] }]
        : [],
    ),
  );
});

function renderPage(role: "admin" | "enablement" = "admin") {
  return renderOrganizationPage(<IntegrationsPage />, {
    path: "integrations",
    organization: { ...TEST_ORGANIZATION, role },
  });
}

describe("IntegrationsPage", () => {
  it("offers engineers and admins to connect, and sends the token only to the function", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: null, error: null }));
    fn.connectHubspot.mockResolvedValue({
      portal_id: "40000123",
      token_last_four: "9f3a",
      status: "connected",
    });
    renderPage("admin");

    await screen.findByRole("heading", { name: "HubSpot is not connected" });
    await userEvent.click(screen.getByRole("button", { name: "Connect HubSpot" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("crm.objects.deals.read");
    const input = within(dialog).getByLabelText("Private app access token");
    expect(input).toHaveAttribute("type", "password");
    await userEvent.type(input, "pat-na1-secret-token-9f3a");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(fn.connectHubspot).toHaveBeenCalledWith(
      TEST_ORGANIZATION.id,
      "pat-na1-secret-token-9f3a",
    );
    expect(document.body).not.toHaveTextContent("secret-token");
  });

  it("keeps the dialog open with HubSpot's reason when the token is refused", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: null, error: null }));
    fn.connectHubspot.mockRejectedValue(
      new RequestError(
        "HubSpot wasn't connected. HubSpot rejected the token (Authentication credentials not found). Create a new private-app token and connect again.",
        { retryable: false },
      ),
    );
    renderPage("admin");

    await userEvent.click(await screen.findByRole("button", { name: "Connect HubSpot" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(
      within(dialog).getByLabelText("Private app access token"),
      "pat-na1-wrong-token",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));

    expect(await within(dialog).findByText(/HubSpot rejected the token/)).toBeInTheDocument();
  });

  it("checks the token's shape before calling HubSpot", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: null, error: null }));
    renderPage("admin");
    await userEvent.click(await screen.findByRole("button", { name: "Connect HubSpot" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Private app access token"), "pat na1");
    await userEvent.click(within(dialog).getByRole("button", { name: "Connect" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("starts with pat-");
    expect(fn.connectHubspot).not.toHaveBeenCalled();
  });

  it("shows every member the status, masked token, mappings and history, without actions", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: CONNECTION, error: null }));
    supabaseStub.onTable("hubspot_mappings", () => rows([MAPPING]));
    supabaseStub.onTable("hubspot_sync_runs", () => rows([RUN]));
    renderPage("enablement");

    expect(await screen.findByText("40000123")).toBeInTheDocument();
    expect(screen.getByLabelText("Token ending 9f3a")).toHaveTextContent("pat-••••••••9f3a");
    expect(await screen.findByText("Deal reaches closedwon")).toBeInTheDocument();
    const history = (await screen.findByText("Rate limited")).closest("tr")!;
    expect(history).toHaveTextContent("Scheduled");
    expect(history).toHaveTextContent("37");
    expect(history).toHaveTextContent("secondly limit");
    expect(screen.queryByRole("button", { name: /Sync now/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Disconnect" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Add mapping/ })).not.toBeInTheDocument();
    // HubSpot is not asked for labels on behalf of people who cannot manage the connection.
    expect(fn.fetchDealPipelines).not.toHaveBeenCalled();
  });

  it("names stages with HubSpot's labels for managers", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: CONNECTION, error: null }));
    supabaseStub.onTable("hubspot_mappings", () => rows([MAPPING]));
    renderPage("admin");
    expect(await screen.findByText("Deal reaches Closed Won")).toBeInTheDocument();
    expect(screen.getByText("Account from Customer account")).toBeInTheDocument();
  });

  it("runs a sync now and says what it did", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({ data: CONNECTION, error: null }));
    fn.syncHubspot.mockResolvedValue({
      status: "succeeded",
      pages: 4,
      records: 10,
      outcomesWritten: 10,
      error: null,
    });
    renderPage("admin");

    await userEvent.click(await screen.findByRole("button", { name: "Sync now" }));
    expect(fn.syncHubspot).toHaveBeenCalledWith(TEST_ORGANIZATION.id, false);
    expect(
      await screen.findByText(
        "Read 10 records in 4 pages, 10 new outcomes. HubSpot is up to date.",
      ),
    ).toBeInTheDocument();
  });

  it("shows why the last sync failed and how long HubSpot asked to wait", async () => {
    supabaseStub.onTable("hubspot_connections", () => ({
      data: {
        ...CONNECTION,
        status: "invalid_token",
        last_error:
          "HubSpot rejected the token (expired). Create a new private-app token and connect again.",
        next_sync_after: new Date(Date.now() + 120_000).toISOString(),
      },
      error: null,
    }));
    renderPage("admin");
    expect(await screen.findByText("HubSpot no longer accepts the token")).toBeInTheDocument();
    expect(screen.getByText(/Create a new private-app token/)).toBeInTheDocument();
    expect(screen.getByText(/HubSpot asked us to slow down/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Replace token" })).toBeInTheDocument();
  });

  it("disconnects after confirming", async () => {
    supabaseStub.onTable("hubspot_connections", (query) =>
      query.operation === "delete"
        ? rows([{ organization_id: TEST_ORGANIZATION.id }])
        : { data: CONNECTION, error: null },
    );
    renderPage("admin");
    await userEvent.click(await screen.findByRole("button", { name: "Disconnect" }));
    const dialog = await screen.findByRole("alertdialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Disconnect" }));
    await waitFor(() =>
      expect(
        supabaseStub.queries.some(
          (q) => q.table === "hubspot_connections" && q.operation === "delete",
        ),
      ).toBe(true),
    );
    const removal = supabaseStub.queries.find((q) => q.operation === "delete")!;
    expect(removal.modifiers).toContainEqual(["eq", "organization_id", TEST_ORGANIZATION.id]);
  });
});
