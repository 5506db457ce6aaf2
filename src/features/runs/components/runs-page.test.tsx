import "@/test/polyfills";

import { configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { rows, supabaseStub, type StubResponse } from "@/test/supabase-stub";
import type { MyOrganization } from "@/features/organizations";
import { RunsPage } from "./runs-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

// The page renders ten filter selects and a 50-row table: on a loaded CI machine that can take
// longer than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const RUN_ID = "00000000-0000-4000-8000-0000000000c1";
const EXPERIMENT_ID = "00000000-0000-4000-8000-0000000000e1";
const VARIANT_ID = "00000000-0000-4000-8000-0000000000e2";
const VERSION_ID = "00000000-0000-4000-8000-0000000000e3";

function listRow(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    occurred_at: "2026-11-21 09:15:00+00",
    sort_key: "2026-11-21 09:15:00.123456+00",
    capability: "QualifyLead",
    capability_name: "Qualify lead",
    action: null,
    intent: "PriceCheck",
    intent_name: "Price check",
    experiment_id: null,
    experiment_name: null,
    variant_id: null,
    variant_label: null,
    version_id: null,
    version_number: null,
    provider: "openai",
    model: "gpt-4o",
    // The local API sends numeric columns as strings.
    latency_ms: "1840.5",
    tokens_in: 1250,
    tokens_out: 310,
    cost_usd: "0.0123",
    status: "ok",
    error_type: null,
    is_manual: false,
    account: "northwind",
    ...overrides,
  };
}

const OPTIONS = {
  sampled: false,
  has_runs: true,
  models: [
    { value: "gpt-4o", label: "gpt-4o" },
    { value: "claude-3-5-haiku", label: "claude-3-5-haiku" },
  ],
  accounts: [{ value: "northwind", label: "northwind" }],
  capabilities: [{ value: "QualifyLead", label: "Qualify lead" }],
  intents: [{ value: "PriceCheck", label: "Price check" }],
  actions: [],
  experiments: [{ value: EXPERIMENT_ID, label: "Warmer greeting" }],
  variants: [{ value: VARIANT_ID, label: "Warmer greeting · treatment" }],
  versions: [],
};

const runDetailRow = {
  ...listRow(RUN_ID, {
    status: "error",
    error_type: "rate_limit",
    error_message: "429 from provider",
  }),
  received_at: "2026-11-21 09:15:01+00",
  external_id: "ext-1",
  conversation_id: "conv-1",
  end_user_id: "user-9",
  ttft_ms: "210",
  tokens_cached: 0,
  tool_calls: [{ name: "lookup_order", duration_ms: 95, ok: true }],
  metadata: { plan: "pro" },
};

function listCalls() {
  return supabaseStub.rpcs.filter((call) => call.fn === "list_runs");
}

function setUp(
  list: (args: Record<string, unknown>) => StubResponse = () => rows([listRow(RUN_ID)]),
) {
  supabaseStub.reset();
  supabaseStub.onRpc("list_runs", (args) => list(args as Record<string, unknown>));
  supabaseStub.onRpc("run_filter_options", () => ({ data: OPTIONS, error: null }));
  supabaseStub.onRpc("run_text", () =>
    rows([{ question: "Where is my order?", response: "It ships tomorrow." }]),
  );
  supabaseStub.onTable("llm_runs", () => ({ data: runDetailRow, error: null }));
  supabaseStub.onTable("feedback", () =>
    rows([
      {
        id: "f1",
        occurred_at: "2026-11-21 09:20:00+00",
        thumbs: "down",
        rating: 2,
        comment: "Too slow",
        end_user_id: null,
      },
    ]),
  );
  supabaseStub.onTable("outcomes", () =>
    rows([
      {
        id: "o1",
        metric_key: "order_value",
        value: "129.9",
        source: "api",
        occurred_at: "2026-11-21 10:00:00+00",
      },
    ]),
  );
  supabaseStub.onTable("organization_settings", () => ({
    data: { run_text_policy: "redact" },
    error: null,
  }));
  supabaseStub.onTable("capabilities", () => ({ data: { name: "Qualify lead" }, error: null }));
  supabaseStub.onTable("intents", () => ({ data: { name: "Price check" }, error: null }));
  supabaseStub.onTable("experiment_versions", () =>
    rows([{ id: VERSION_ID, experiment_id: EXPERIMENT_ID }]),
  );
  supabaseStub.onTable("experiments", () => rows([{ id: EXPERIMENT_ID, name: "Warmer greeting" }]));
}

const as = (role: MyOrganization["role"]): MyOrganization => ({ ...TEST_ORGANIZATION, role });

describe("RunsPage", () => {
  it("lists the range's runs newest first with their figures", async () => {
    setUp();
    renderOrganizationPage(<RunsPage />, { path: "runs" });

    const row = (await screen.findByText("Qualify lead")).closest("tr")!;
    expect(row).toHaveTextContent("Price check");
    expect(row).toHaveTextContent("gpt-4o");
    expect(row).toHaveTextContent("1.84 s");
    expect(row).toHaveTextContent("$0.0123");
    expect(row).toHaveTextContent("OK");
    expect(row).toHaveTextContent("Automated");
    expect(row).toHaveTextContent("northwind");
    const [call] = listCalls();
    expect(call!.args).toMatchObject({
      p_organization_id: TEST_ORGANIZATION.id,
      p_filters: {},
      p_sort: "newest",
      p_limit: 51,
    });
    // A preset range has no end: runs that arrive while the page is open are included.
    expect(call!.args).not.toHaveProperty("p_to");
    expect(screen.getByText(/That's every matching run/)).toBeInTheDocument();
  });

  it("names a deployment's version by its experiment and links to it", async () => {
    setUp(() =>
      rows([
        listRow(RUN_ID, { version_id: VERSION_ID, version_number: 3 }),
        listRow("00000000-0000-4000-8000-0000000000c2", {
          capability_name: "Other run",
          experiment_id: EXPERIMENT_ID,
          experiment_name: "Warmer greeting",
          version_id: VERSION_ID,
          version_number: 3,
          variant_id: VARIANT_ID,
          variant_label: "treatment",
        }),
      ]),
    );
    const { router } = renderOrganizationPage(<RunsPage />, { path: "runs" });

    const row = (await screen.findByText("Qualify lead")).closest("tr")!;
    const link = await within(row).findByRole("link", { name: "Warmer greeting · v3" });
    expect(link).toHaveAttribute(
      "href",
      `/o/acme-commerce/experiments/${EXPERIMENT_ID}?tab=versions`,
    );
    // Only the run without an experiment needed its version looked up.
    const lookups = supabaseStub.queries.filter((query) => query.table === "experiment_versions");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.modifiers).toContainEqual(["in", "id", [VERSION_ID]]);
    const experimentRow = screen.getByText("Other run").closest("tr")!;
    expect(within(experimentRow).getByRole("link", { name: "Warmer greeting · v3" })).toBeVisible();

    // The link goes to the version, not to the run's drawer.
    link.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/o/acme-commerce/experiments/${EXPERIMENT_ID}`),
    );
    expect(router.state.location.search).toBe("?tab=versions");
  });

  it("reads a drill-down link's filters from the URL", async () => {
    setUp();
    renderOrganizationPage(<RunsPage />, {
      path: `runs?experiment=${EXPERIMENT_ID}&variant=${VARIANT_ID}&intent=PriceCheck&mode=manual`,
    });
    await screen.findByText("Qualify lead");
    expect(listCalls()[0]!.args).toMatchObject({
      p_filters: {
        experiment: EXPERIMENT_ID,
        variant: VARIANT_ID,
        intent: "PriceCheck",
        manual: true,
      },
    });
    expect(screen.getByRole("combobox", { name: "Experiment" })).toHaveTextContent(
      "Warmer greeting",
    );
    expect(screen.getByRole("button", { name: "Clear filters (4)" })).toBeInTheDocument();
  });

  it("says which link filters it ignored", async () => {
    setUp();
    renderOrganizationPage(<RunsPage />, { path: "runs?experiment=not-an-id&status=broken" });
    await screen.findByText("Qualify lead");
    expect(listCalls()[0]!.args).toMatchObject({ p_filters: {} });
    expect(screen.getByText(/experiment filter “not-an-id” was ignored/)).toBeInTheDocument();
    expect(screen.getByText(/status filter “broken” was ignored/)).toBeInTheDocument();
  });

  it("puts a chosen filter and sort in the URL and asks for them", async () => {
    setUp();
    const { router } = renderOrganizationPage(<RunsPage />, { path: "runs?range=1M" });
    await screen.findByText("Qualify lead");

    await userEvent.click(screen.getByRole("combobox", { name: "Model" }));
    await userEvent.click(await screen.findByRole("option", { name: "claude-3-5-haiku" }));
    await waitFor(() =>
      expect(router.state.location.search).toBe("?range=1M&model=claude-3-5-haiku"),
    );
    await waitFor(() =>
      expect(listCalls().at(-1)!.args).toMatchObject({ p_filters: { model: "claude-3-5-haiku" } }),
    );

    await userEvent.click(screen.getByRole("button", { name: /^Latency/ }));
    await waitFor(() => expect(router.state.location.search).toContain("sort=latency_desc"));
    await waitFor(() => expect(listCalls().at(-1)!.args).toMatchObject({ p_sort: "latency_desc" }));
    expect(screen.getByRole("columnheader", { name: /Latency/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );

    await userEvent.click(screen.getByRole("button", { name: "Clear filters (1)" }));
    await waitFor(() => expect(router.state.location.search).toBe("?range=1M&sort=latency_desc"));
  });

  it("loads the next page after the last row (keyset), not by offset", async () => {
    setUp((args) =>
      args.p_after
        ? rows([listRow("00000000-0000-4000-8000-000000000999", { capability_name: "Older" })])
        : rows(
            Array.from({ length: 51 }, (_, i) =>
              listRow(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, {
                sort_key: `key-${i}`,
              }),
            ),
          ),
    );
    renderOrganizationPage(<RunsPage />, { path: "runs" });
    await waitFor(() => expect(screen.getAllByText("Qualify lead")).toHaveLength(50));

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));

    await screen.findByText("Older");
    expect(listCalls().at(-1)!.args).toMatchObject({
      p_after: { key: "key-49", id: "00000000-0000-4000-8000-000000000049" },
      p_from: listCalls()[0]!.args && (listCalls()[0]!.args as { p_from: string }).p_from,
    });
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("explains how to send runs when the organization has none", async () => {
    setUp(() => rows([]));
    supabaseStub.onRpc("run_filter_options", () => ({
      data: { ...OPTIONS, has_runs: false },
      error: null,
    }));
    renderOrganizationPage(<RunsPage />, { path: "runs" });
    expect(await screen.findByRole("heading", { name: "No runs yet" })).toBeInTheDocument();
    expect(screen.getByLabelText("Example request")).toHaveTextContent("/functions/v1/ingest");
    expect(screen.getByRole("link", { name: "Create an API key" })).toHaveAttribute(
      "href",
      "/o/acme-commerce/api-keys",
    );
  });

  it("tells an empty filter result apart from an empty organization", async () => {
    setUp(() => rows([]));
    renderOrganizationPage(<RunsPage />, { path: "runs?status=timeout" });
    expect(
      await screen.findByRole("heading", { name: "No runs match these filters" }),
    ).toBeInTheDocument();
  });

  it("shows why the runs failed to load, with a retry", async () => {
    setUp(() => ({ data: null, error: { code: "42501", message: "Not a member" }, status: 403 }));
    renderOrganizationPage(<RunsPage />, { path: "runs" });
    expect(await screen.findByText("The runs couldn't be loaded")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("Run detail drawer", () => {
  it("opens from the keyboard, links by ?run=, and shows a product manager the text", async () => {
    setUp();
    const { router } = renderOrganizationPage(<RunsPage />, {
      path: "runs",
      organization: as("product_manager"),
    });
    const row = (await screen.findByText("Qualify lead")).closest("tr")!;
    row.focus();
    await userEvent.keyboard("{Enter}");

    await waitFor(() => expect(router.state.location.search).toBe(`?run=${RUN_ID}`));
    const drawer = await screen.findByRole("dialog", { name: "Run details" });
    expect(await within(drawer).findByLabelText("Prompt / question")).toHaveTextContent(
      "Where is my order?",
    );
    expect(within(drawer).getByLabelText("Response")).toHaveTextContent("It ships tomorrow.");
    expect(within(drawer).getByText(/emails show as \[email\]/)).toBeInTheDocument();
    expect(within(drawer).getByText("Error: rate_limit")).toBeInTheDocument();
    const capability = within(drawer).getByText("Capability").nextElementSibling!;
    expect(capability).toHaveTextContent(/^Qualify lead\s*QualifyLead$/);
    expect(within(capability as HTMLElement).getByText("QualifyLead")).toHaveClass(
      "font-mono",
      "text-muted-foreground",
    );
    expect(within(drawer).getByText("Intent").nextElementSibling).toHaveTextContent(
      /^Price check\s*PriceCheck$/,
    );
    expect(within(drawer).getByText("429 from provider")).toBeInTheDocument();
    expect(within(drawer).getByRole("table", { name: "Tool calls" })).toHaveTextContent(
      "lookup_order",
    );
    expect(within(drawer).getByRole("table", { name: "Outcomes" })).toHaveTextContent(
      "order_value",
    );
    expect(within(drawer).getByText("Too slow")).toBeInTheDocument();
    expect(within(drawer).getByLabelText("Metadata JSON")).toHaveTextContent('"plan": "pro"');
    expect(within(drawer).getByRole("button", { name: "Copy run id" })).toBeInTheDocument();
    expect(supabaseStub.rpcs.filter((call) => call.fn === "run_text")).toEqual([
      { fn: "run_text", args: { p_run_id: RUN_ID } },
    ]);

    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(router.state.location.search).toBe(""));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(row).toHaveFocus();
  });

  it("never asks for enablement's text, and says why it is hidden", async () => {
    setUp();
    renderOrganizationPage(<RunsPage />, {
      path: `runs?run=${RUN_ID}`,
      organization: as("enablement"),
    });
    const drawer = await screen.findByRole("dialog", { name: "Run details" });
    expect(await within(drawer).findByText(/Raw text is hidden for your role/)).toBeInTheDocument();
    expect(within(drawer).getByText("lookup_order")).toBeInTheDocument();
    expect(within(drawer).queryByLabelText("Prompt / question")).not.toBeInTheDocument();
    expect(supabaseStub.rpcs.some((call) => call.fn === "run_text")).toBe(false);
  });

  it("says when the organization drops text", async () => {
    setUp();
    supabaseStub.onRpc("run_text", () => rows([{ question: null, response: null }]));
    supabaseStub.onTable("organization_settings", () => ({
      data: { run_text_policy: "drop" },
      error: null,
    }));
    renderOrganizationPage(<RunsPage />, { path: `runs?run=${RUN_ID}` });
    const drawer = await screen.findByRole("dialog", { name: "Run details" });
    expect(
      await within(drawer).findByText(/drops question and response text when runs arrive/),
    ).toBeInTheDocument();
  });

  it("says so when the linked run is not in the organization", async () => {
    setUp();
    supabaseStub.onTable("llm_runs", () => ({ data: null, error: null }));
    renderOrganizationPage(<RunsPage />, { path: `runs?run=${RUN_ID}` });
    expect(await screen.findByRole("heading", { name: "Run not found" })).toBeInTheDocument();
  });
});
