import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { LocationProbe } from "@/test/location-probe";
import { renderOrganizationPage } from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { OverviewDashboard } from "./overview-dashboard";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const SUMMARY: Record<string, [number | null, number, number | null, number]> = {
  conversion: [0.125, 800, 0.1, 700],
  order_value: [52.5, 100, 50, 90],
  csat: [4.1, 40, 4.3, 35],
  escalation: [0.05, 500, 0.04, 480],
  runs: [1200, 1200, "1000" as unknown as number, 1000],
  latency_p95: [950, 1200, 1000, 1000],
  error_rate: [0.01, 1200, 0.01, 1000],
  cost: [12.5, 1200, 10, 1000],
};

function stubAnalytics() {
  supabaseStub.reset();
  for (const table of [
    "experiments",
    "experiment_variants",
    "experiment_versions",
    "capabilities",
    "intents",
    "actions",
  ]) {
    supabaseStub.onTable(table, () => rows([]));
  }
  supabaseStub.onRpc("metric_summary", (args) =>
    rows(
      (args as { p_metrics: string[] }).p_metrics.map((metric) => {
        const [value, n, previous, previousN] = SUMMARY[metric]!;
        // bigint columns arrive as strings through the API.
        return {
          metric,
          value,
          n: String(n),
          previous_value: previous,
          previous_n: String(previousN),
        };
      }),
    ),
  );
  supabaseStub.onRpc("metric_series", (args) =>
    rows(
      (args as { p_metrics: string[] }).p_metrics.flatMap((metric) => [
        { bucket: "2026-11-01T00:00:00+00:00", metric, group_key: null, value: 1, n: 10 },
        { bucket: "2026-11-02T00:00:00+00:00", metric, group_key: null, value: 2, n: 12 },
      ]),
    ),
  );
  supabaseStub.onRpc("metric_breakdown", () =>
    rows([
      { segment: "gpt-4o", n: 700, value: 0.14, compare_n: 600, compare_value: 0.1 },
      { segment: "claude-3-5-haiku", n: 500, value: 0.1, compare_n: 400, compare_value: 0.1 },
    ]),
  );
}

function renderDashboard(query: string) {
  return renderOrganizationPage(
    <>
      <OverviewDashboard />
      <LocationProbe />
    </>,
    { path: `overview${query}` },
  );
}

const location = () => screen.getByRole("status", { name: "Current location" }).textContent ?? "";

beforeEach(stubAnalytics);

describe("OverviewDashboard", () => {
  it(
    "shows each KPI against the previous period, coloured by which way is good",
    { timeout: 20_000 },
    async () => {
      renderDashboard("?range=1M");
      const glance = await screen.findByRole("region", { name: "At a glance" });
      expect(glance).toHaveTextContent("Last month, compared with the period before.");
      const conversion = await within(glance).findByRole("link", { name: /^Conversion/ });
      expect(conversion).toHaveTextContent("12.5%");
      expect(conversion).toHaveTextContent("+2.5 pp");
      expect(conversion).toHaveTextContent("(better, higher is better)");
      expect(within(glance).getByRole("link", { name: /^CSAT/ })).toHaveTextContent(
        "(worse, higher is better)",
      );
      expect(within(glance).getByRole("link", { name: /^Latency p95/ })).toHaveTextContent(
        "(better, lower is better)",
      );
    },
  );

  it("asks the RPCs for the range and the URL's filters, and drills down with them", async () => {
    renderDashboard("?range=1M&model=gpt-4o&metrics=csat");
    const conversion = await screen.findByRole("link", { name: /^Conversion/ });
    expect(conversion).toHaveAttribute(
      "href",
      "/o/acme-commerce/overview/drill?range=1M&model=gpt-4o&metric=conversion",
    );
    const summary = supabaseStub.rpcs.find((call) => call.fn === "metric_summary")!;
    expect(summary.args).toMatchObject({ p_filters: { model: ["gpt-4o"] } });
    const series = supabaseStub.rpcs.find((call) => call.fn === "metric_series")!;
    expect(series.args).toMatchObject({ p_granularity: "day" });
  });

  it("keeps the metric type, breakdown and chart settings in the URL", async () => {
    const user = userEvent.setup();
    renderDashboard("?range=7D");
    await screen.findByRole("link", { name: /^Conversion/ });

    await user.click(screen.getByRole("combobox", { name: "Metric type" }));
    await user.click(await screen.findByRole("option", { name: "LLM behaviour" }));
    await waitFor(() => expect(location()).toContain("category=llm"));
    expect(screen.queryByRole("link", { name: /^Conversion/ })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: /^Runs/ })).toBeInTheDocument();

    await user.click(screen.getByRole("combobox", { name: "Break down by" }));
    await user.click(await screen.findByRole("option", { name: "Intent" }));
    await waitFor(() => expect(location()).toContain("by=intent"));
    await waitFor(() =>
      expect(
        supabaseStub.rpcs.some(
          (call) => (call.args as { p_dimension?: string }).p_dimension === "intent",
        ),
      ).toBe(true),
    );
  }, 20_000);

  it("lists each segment's exact figures in a sortable table", async () => {
    renderDashboard("?range=7D&metrics=conversion");
    const table = await screen.findByRole(
      "table",
      { name: "Conversion by model" },
      { timeout: 5000 },
    );
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("gpt-4o");
    expect(first).toHaveTextContent("+4.0 pp");
    expect(second).toHaveTextContent("claude-3-5-haiku");
  });
});
