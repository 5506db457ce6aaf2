import "@/test/polyfills";

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { ExperimentResults } from "./experiment-results-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const EXPERIMENT_ID = "00000000-0000-4000-8000-00000000e001";
const CONTROL_ID = "00000000-0000-4000-8000-0000000000c1";
const VARIANT_ID = "00000000-0000-4000-8000-0000000000b1";
const PATH = `experiments/${EXPERIMENT_ID}/results`;

interface StatRow {
  variant_id: string;
  metric: string;
  n: number | string;
  sum: number;
  sum_sq: number;
  exposures: number | string;
}

function stat(
  variant: string,
  metric: string,
  n: number,
  sum: number,
  sumSq = sum,
  exposures = 5000,
): StatRow {
  // Numbers as strings where the local API sends them so, to exercise the row schema.
  return {
    variant_id: variant,
    metric,
    n: String(n),
    sum,
    sum_sq: sumSq,
    exposures: String(exposures),
  };
}

/**
 * experiment_cuped_stats for conversion: 2,000 units per arm whose own conversion rates have
 * sd 0.2, as before the start, with cov(pre, post) = 0.036: θ = 0.9, variance −81%.
 */
function cupedConversion(variant: string, mean: number, withPre = 2000) {
  const n = 2000;
  const sum = n * mean;
  const preSum = n * 0.1;
  return {
    variant_id: variant,
    metric: "conversion",
    n_units: String(n),
    sum,
    sum_sq: 0.04 * (n - 1) + (sum * sum) / n,
    pre_sum: preSum,
    pre_sum_sq: 0.04 * (n - 1) + (preSum * preSum) / n,
    sum_pre_post: 0.036 * (n - 1) + (sum * preSum) / n,
    units_with_pre: String(withPre),
  };
}

/** Conversion up from 10% to 12%; resolution time flat; LLM metrics flat. */
function healthyRows(): StatRow[] {
  const flat = (variant: string, exposures = 5000) => [
    stat(variant, "resolution_time", 4000, 4000 * 30, 4000 * 900 + 100 * 3999, exposures),
    stat(variant, "error_rate", 5000, 100, 100, exposures),
    stat(variant, "latency_mean", 5000, 5000 * 800, 5000 * 640000 + 40000 * 4999, exposures),
    stat(variant, "cost_per_run", 5000, 5000 * 0.002, 5000 * 0.000004 + 0.000001 * 4999, exposures),
  ];
  return [
    stat(CONTROL_ID, "conversion", 5000, 500),
    stat(VARIANT_ID, "conversion", 5000, 600),
    ...flat(CONTROL_ID),
    ...flat(VARIANT_ID),
  ];
}

function serve(statRows: StatRow[] | "error", status: "active" | "draft" = "active") {
  // Fetched with maybeSingle(): one object, not a list.
  supabaseStub.onTable("experiments", () => ({
    data: {
      id: EXPERIMENT_ID,
      name: "Warmer greeting",
      status,
      activated_at: status === "draft" ? null : "2026-11-01T09:00:00+00:00",
    },
    error: null,
  }));
  supabaseStub.onTable("experiment_variants", () =>
    rows([
      {
        id: CONTROL_ID,
        key: "control",
        name: "Control",
        allocation_bp: 5000,
        is_control: true,
        position: 0,
      },
      {
        id: VARIANT_ID,
        key: "warm",
        name: "Warm",
        allocation_bp: 5000,
        is_control: false,
        position: 1,
      },
    ]),
  );
  supabaseStub.onTable("experiment_metrics", () =>
    rows([
      { metric_id: "m-resolution", role: "guardrail" },
      { metric_id: "m-conversion", role: "primary" },
    ]),
  );
  supabaseStub.onTable("metric_definitions", () =>
    rows([
      {
        id: "m-resolution",
        key: "resolution_time",
        name: "Resolution time",
        unit: "min",
        aggregation: "mean",
        direction: "lower_is_better",
      },
      {
        id: "m-conversion",
        key: "conversion",
        name: "Conversion",
        unit: "%",
        aggregation: "rate",
        direction: "higher_is_better",
      },
    ]),
  );
  supabaseStub.onRpc("experiment_metric_stats", () =>
    statRows === "error" ? failure("42501", "permission denied") : rows(statRows),
  );
}

function renderResults(search = "") {
  return renderOrganizationPage(<ExperimentResults experimentId={EXPERIMENT_ID} />, {
    path: `${PATH}${search}`,
  });
}

beforeEach(() => supabaseStub.reset());

describe("ExperimentResults", () => {
  it("shows a skeleton, then each metric (primary, guardrails, LLM) with its verdict", async () => {
    serve(healthyRows());
    renderResults();
    expect(await screen.findByLabelText("Loading the results")).toBeInTheDocument();

    expect(
      await screen.findByRole("heading", { level: 1, name: "Results: Warmer greeting" }),
    ).toBeInTheDocument();
    const headings = screen.getAllByRole("heading", { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual([
      "Verdict on the primary metric",
      "Conversion",
      "Resolution time",
      "Error rate",
      "Mean latency",
      "Cost per run",
    ]);
    expect(supabaseStub.rpcs).toEqual([
      { fn: "experiment_metric_stats", args: { p_experiment_id: EXPERIMENT_ID } },
    ]);

    const conversion = screen
      .getByRole("heading", { name: "Conversion" })
      .closest("[data-slot=card]") as HTMLElement;
    const row = within(conversion).getByRole("row", { name: /Warm/ });
    expect(within(row).getByText("+20.0%")).toBeInTheDocument();
    expect(within(row).getByText("12.0%")).toBeInTheDocument();
    expect(within(row).getByText("Ship")).toBeInTheDocument();
    expect(within(row).getByText("99.8%")).toBeInTheDocument();
    expect(
      within(row).getByRole("img", { name: /Warm: 95% interval from \+\d/ }),
    ).toBeInTheDocument();

    const summary = screen.getByRole("region", { name: "Verdict on the primary metric" });
    expect(within(summary).getByText(/Conversion improved \(\+20%/)).toBeInTheDocument();
    expect(screen.getByText(/Traffic split matches the allocation/)).toBeInTheDocument();
  });

  it("warns about a sample-ratio mismatch and stops every verdict", async () => {
    serve([
      stat(CONTROL_ID, "conversion", 5000, 500, 500, 5000),
      stat(VARIANT_ID, "conversion", 4000, 480, 480, 4000),
    ]);
    renderResults();
    expect(
      await screen.findByText("The traffic split doesn't match the allocation"),
    ).toBeInTheDocument();
    expect(screen.queryByText("Ship")).not.toBeInTheDocument();
    expect(screen.getAllByText("Stop").length).toBeGreaterThan(0);
  });

  it("explains what to do when no runs were recorded yet", async () => {
    serve([stat(CONTROL_ID, "conversion", 0, 0, 0, 0), stat(VARIANT_ID, "conversion", 0, 0, 0, 0)]);
    renderResults();
    expect(await screen.findByText("No results yet")).toBeInTheDocument();
    expect(
      screen.getByText(/No runs recorded for this experiment's variants since it started/),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the experiment" })).toHaveAttribute(
      "href",
      `/o/${TEST_ORGANIZATION.slug}/experiments/${EXPERIMENT_ID}`,
    );
  });

  it("keeps the correction and sequential choices in the URL and recomputes", async () => {
    serve(healthyRows());
    const { router } = renderResults();
    const holm = await screen.findByRole("radio", { name: "Holm" });
    expect(holm).toHaveAttribute("aria-checked", "true");

    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Benjamini–Hochberg" }));
    expect(router.state.location.search).toContain("correction=bh");

    await user.click(screen.getByRole("switch", { name: "Sequential testing" }));
    expect(router.state.location.search).toContain("sequential=true");
    expect(screen.getAllByRole("columnheader", { name: "95% always-valid interval" }).length).toBe(
      5,
    );
  });

  it("disables CUPED and says why until the experiment has started", async () => {
    serve(healthyRows(), "draft");
    renderResults("?cuped=true");
    const cuped = await screen.findByRole("switch", { name: "CUPED" });
    expect(cuped).toBeDisabled();
    expect(cuped).not.toBeChecked();
    expect(screen.getByText(/Available once the experiment has started/)).toBeInTheDocument();
    expect(supabaseStub.rpcs.map((r) => r.fn)).toEqual(["experiment_metric_stats"]);
  });

  it("turns CUPED on: loads the unit-level data, then compares per-unit means with θ and the variance saved", async () => {
    serve(healthyRows());
    let answer: (response: ReturnType<typeof rows>) => void = () => {};
    supabaseStub.onRpc(
      "experiment_cuped_stats",
      () => new Promise((resolve) => (answer = resolve)),
    );
    const { router } = renderResults();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("switch", { name: "CUPED" }));
    expect(router.state.location.search).toContain("cuped=true");
    expect(await screen.findByLabelText("Loading the pre-experiment data")).toBeInTheDocument();
    expect(supabaseStub.rpcs).toContainEqual({
      fn: "experiment_cuped_stats",
      args: { p_experiment_id: EXPERIMENT_ID },
    });

    answer(rows([cupedConversion(CONTROL_ID, 0.1), cupedConversion(VARIANT_ID, 0.12)]));
    const conversion = (await screen.findByRole("heading", { name: "Conversion" })).closest(
      "[data-slot=card]",
    ) as HTMLElement;
    expect(
      within(conversion).getByText(/each unit's rate, averaged over units and adjusted with CUPED/),
    ).toBeInTheDocument();
    const row = within(conversion).getByRole("row", { name: /Warm/ });
    expect(within(row).getByText("2,000 vs 2,000 units")).toBeInTheDocument();
    expect(
      within(row).getByText("CUPED: per-unit means, θ = 0.90, variance −81%"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/CUPED is on: each metric is compared on its average per unit/),
    ).toBeInTheDocument();
    // No unit-level data for resolution time: compared per observation, and the card says why.
    const resolution = screen
      .getByRole("heading", { name: "Resolution time" })
      .closest("[data-slot=card]") as HTMLElement;
    expect(within(resolution).getByText(/an average per observation/)).toBeInTheDocument();
    expect(
      within(resolution).getAllByText(/CUPED not applied: no observation could be tied/).length,
    ).toBe(1);
  });

  it("says plainly when no unit was seen before the start, and shows unadjusted results", async () => {
    serve(healthyRows());
    supabaseStub.onRpc("experiment_cuped_stats", () =>
      rows([cupedConversion(CONTROL_ID, 0.1, 0), cupedConversion(VARIANT_ID, 0.12, 0)]),
    );
    renderResults("?cuped=true");
    expect(await screen.findByText("No pre-experiment data for CUPED")).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "CUPED" })).toBeChecked();
    expect(screen.queryByText(/CUPED: per-unit means/)).not.toBeInTheDocument();
    expect(screen.queryByText(/CUPED not applied/)).not.toBeInTheDocument();
    const conversion = screen
      .getByRole("heading", { name: "Conversion" })
      .closest("[data-slot=card]") as HTMLElement;
    expect(within(conversion).getByText("5,000 vs 5,000")).toBeInTheDocument();
  });

  it("explains a CUPED failure and offers to retry or turn CUPED off", async () => {
    serve(healthyRows());
    supabaseStub.onRpc("experiment_cuped_stats", () =>
      failure("57014", "canceling statement due to statement timeout", 500),
    );
    const { router } = renderResults("?cuped=true");
    expect(await screen.findByText("CUPED couldn't be computed")).toBeInTheDocument();
    expect(screen.getByText(/The server had a problem: try again in a moment/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("button", { name: "Turn CUPED off" }));
    expect(router.state.location.search).not.toContain("cuped=true");
    expect(await screen.findByRole("heading", { name: "Conversion" })).toBeInTheDocument();
  });

  it("shows what went wrong when the statistics can't be loaded", async () => {
    serve("error");
    renderResults();
    expect(await screen.findByText("The results couldn't be loaded")).toBeInTheDocument();
    expect(screen.getByText(/You don't have permission/)).toBeInTheDocument();
  });
});
