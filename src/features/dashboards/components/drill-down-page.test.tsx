import "@/test/polyfills";

import { screen, within } from "@testing-library/react";

import { renderOrganizationPage } from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { DrillDownPage } from "./drill-down-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const EXPERIMENT = "00000000-0000-4000-8000-00000000e001";
const VARIANT = "00000000-0000-4000-8000-00000000f001";

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("experiments", () => rows([{ id: EXPERIMENT, name: "Checkout copy" }]));
  supabaseStub.onTable("experiment_variants", () =>
    rows([{ id: VARIANT, key: "warm", name: "Warm greeting", experiment_id: EXPERIMENT }]),
  );
  supabaseStub.onTable("intents", () => rows([{ key: "refund", name: "Refund request" }]));
  for (const table of ["experiment_versions", "capabilities", "actions", "saved_views"]) {
    supabaseStub.onTable(table, () => rows([]));
  }
  supabaseStub.onTable("llm_runs", () =>
    rows([
      {
        id: "run-1",
        occurred_at: "2026-11-20T10:15:00+00:00",
        model: "gpt-4o",
        status: "ok",
        latency_ms: "812",
        cost_usd: "0.0042",
        tokens_in: 300,
        tokens_out: 120,
        account: "acct-9",
        intent: "refund",
      },
    ]),
  );
  supabaseStub.onRpc("metric_summary", () =>
    rows([{ metric: "conversion", value: 0.2, n: 50, previous_value: 0.25, previous_n: 40 }]),
  );
  supabaseStub.onRpc("metric_breakdown", () =>
    rows([
      { segment: "refund", n: 30, value: 0.1, compare_n: 20, compare_value: 0.2 },
      { segment: null, n: 20, value: 0.35, compare_n: 20, compare_value: 0.3 },
    ]),
  );
});

describe("DrillDownPage", () => {
  it("shows the next level with links one step deeper, and breadcrumbs back up", async () => {
    renderOrganizationPage(<DrillDownPage />, {
      path: `overview/drill?metric=conversion&range=1M&experiment=${EXPERIMENT}&variant=${VARIANT}`,
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Conversion by intent" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Select an intent to see its runs.")).toBeInTheDocument();
    const breakdown = supabaseStub.rpcs.find((call) => call.fn === "metric_breakdown")!;
    expect(breakdown.args).toMatchObject({
      p_dimension: "intent",
      p_filters: { experiment_id: [EXPERIMENT], variant_id: [VARIANT] },
    });

    const table = await screen.findByRole("table", { name: "Conversion by intent" });
    expect(within(table).getByRole("link", { name: "Refund request" })).toHaveAttribute(
      "href",
      `/o/acme-commerce/overview/drill?metric=conversion&range=1M&experiment=${EXPERIMENT}&variant=${VARIANT}&intent=refund`,
    );
    // Runs with no intent are counted but are not a step of their own.
    expect(within(table).getByText("None")).toBeInTheDocument();

    const crumbs = screen.getByRole("navigation", { name: "Breadcrumb" });
    expect(within(crumbs).getByRole("link", { name: "Experiment: Checkout copy" })).toHaveAttribute(
      "href",
      `/o/acme-commerce/overview/drill?metric=conversion&range=1M&experiment=${EXPERIMENT}`,
    );
    expect(within(crumbs).getByRole("link", { name: "Overview" })).toHaveAttribute(
      "href",
      "/o/acme-commerce/overview?range=1M",
    );
    expect(within(crumbs).getByText("Variant: Warm greeting · Checkout copy")).toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  it("ends with the runs, each opening in the Runs explorer with the accumulated filters", async () => {
    renderOrganizationPage(<DrillDownPage />, {
      path: `overview/drill?metric=conversion&range=1M&experiment=${EXPERIMENT}&variant=${VARIANT}&intent=refund`,
    });
    const table = await screen.findByRole("table", { name: "Runs" });
    const [, run] = within(table).getAllByRole("row");
    expect(run).toHaveTextContent("812 ms");
    expect(run).toHaveTextContent("$0.0042");
    expect(within(run!).getByRole("link")).toHaveAttribute(
      "href",
      `/o/acme-commerce/runs?range=1M&experiment=${EXPERIMENT}&variant=${VARIANT}&intent=refund&run=run-1`,
    );
    const query = supabaseStub.queries.find((q) => q.table === "llm_runs")!;
    expect(query.modifiers).toContainEqual(["in", "intent", ["refund"]]);
    expect(query.modifiers).toContainEqual(["in", "experiment_id", [EXPERIMENT]]);
  });
});
