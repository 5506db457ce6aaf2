import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { failure, supabaseStub } from "@/test/supabase-stub";
import type { ExperimentDetail } from "../api/fetch-experiment";
import type { ExperimentOptions, TaxonomyEntry } from "../api/fetch-experiment-options";
import { detailsChanges } from "../lib/experiment-details-schema";
import { EditDetailsDialog } from "./edit-details-dialog";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const EXPERIMENT_ID = "00000000-0000-4000-8000-00000000e001";

function entry(id: string, name: string, archived = false): TaxonomyEntry {
  return { id, key: name.replace(/\W/g, ""), name, description: "", archived };
}

const metric = (id: string, name: string, archived = false) => ({
  ...entry(id, name, archived),
  unit: "",
  aggregation: "rate" as const,
  direction: "higher_is_better" as const,
});

const OPTIONS: ExperimentOptions = {
  capabilities: [entry("cap-demo", "Book demo"), entry("cap-qualify", "Qualify lead")],
  intents: [entry("intent-pricing", "Pricing"), entry("intent-support", "Support")],
  actions: [
    entry("action-greet", "Greet"),
    entry("action-old", "Old opener", true),
    entry("action-gone", "Gone step", true),
  ],
  metrics: [
    metric("metric-conversion", "Conversion rate"),
    metric("metric-escalation", "Escalation rate"),
    metric("metric-csat", "CSAT"),
  ],
  templateVersions: [],
  requiredApprovals: 1,
};

function experiment(patch: Partial<ExperimentDetail> = {}): ExperimentDetail {
  return {
    id: EXPERIMENT_ID,
    organizationId: TEST_ORGANIZATION.id,
    name: "Warmer greeting",
    hypothesis: "A warmer greeting books more demos.",
    capabilityId: "cap-demo",
    status: "draft",
    reviewRound: 0,
    originExperimentId: null,
    createdBy: null,
    createdAt: "2026-11-21T12:00:00+00:00",
    updatedAt: "2026-11-21T12:00:00+00:00",
    intentIds: ["intent-pricing"],
    actionIds: ["action-old"],
    primaryMetricId: "metric-conversion",
    guardrailMetricIds: ["metric-escalation"],
    variants: [],
    versions: [],
    reviews: [],
    deploymentIds: [],
    people: new Map(),
    ...patch,
  };
}

async function renderDialog(detail = experiment(), role = TEST_ORGANIZATION.role) {
  const result = renderOrganizationPage(
    <>
      <p>Experiment page</p>
      <EditDetailsDialog experiment={detail} options={OPTIONS} />
    </>,
    { path: `experiments/${EXPERIMENT_ID}`, organization: { ...TEST_ORGANIZATION, role } },
  );
  await screen.findByText("Experiment page", {}, { timeout: 5000 });
  return result;
}

async function openDialog() {
  await userEvent.click(screen.getByRole("button", { name: "Edit details" }));
  return screen.getByRole("dialog", { name: "Edit details" });
}

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onRpc("update_experiment_details", () => ({
    data: { id: EXPERIMENT_ID },
    error: null,
  }));
});

// Typing and picking through several controls is slow on a busy machine.
describe("Edit details", { timeout: 20_000 }, () => {
  it("is offered to editors on drafts only", async () => {
    for (const role of ["product_manager", "prompt_engineer", "admin"] as const) {
      const { unmount } = await renderDialog(experiment(), role);
      expect(screen.getByRole("button", { name: "Edit details" })).toBeVisible();
      unmount();
    }
    for (const role of ["operations", "engineer", "enablement"] as const) {
      const { unmount } = await renderDialog(experiment(), role);
      expect(screen.queryByRole("button", { name: "Edit details" })).not.toBeInTheDocument();
      unmount();
    }
    await renderDialog(experiment({ status: "in_review" }));
    expect(screen.queryByRole("button", { name: "Edit details" })).not.toBeInTheDocument();
  });

  it("starts from the draft's details, marking archived entries it still uses", async () => {
    await renderDialog();
    const dialog = await openDialog();
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Warmer greeting");
    expect(within(dialog).getByLabelText("Hypothesis")).toHaveValue(
      "A warmer greeting books more demos.",
    );
    expect(within(dialog).getByRole("combobox", { name: "Capability" })).toHaveTextContent(
      "Book demo (Bookdemo)",
    );
    expect(within(dialog).getByRole("checkbox", { name: "Pricing" })).toBeChecked();
    expect(within(dialog).getByRole("checkbox", { name: "Old opener (archived)" })).toBeChecked();
    // Archived and unused: not offered.
    expect(within(dialog).queryByRole("checkbox", { name: /Gone step/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("combobox", { name: "Primary metric" })).toHaveTextContent(
      "Conversion rate",
    );
    expect(within(dialog).getByRole("checkbox", { name: "Escalation rate" })).toBeChecked();
  });

  it("validates before saving and puts the focus on what to fix", async () => {
    await renderDialog();
    const dialog = await openDialog();
    const name = within(dialog).getByLabelText("Name");
    await userEvent.clear(name);
    await userEvent.type(name, "ab");
    await userEvent.clear(within(dialog).getByLabelText("Hypothesis"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save details" }));

    expect(name).toHaveAccessibleDescription("Name the experiment with at least 3 characters.");
    expect(name).toHaveFocus();
    expect(within(dialog).getByLabelText("Hypothesis")).toHaveAccessibleDescription(
      "State the hypothesis: what change do you expect, and on which metric?",
    );
    expect(supabaseStub.rpcs).toHaveLength(0);
  });

  it("saves only what changed, in one call, and closes", async () => {
    await renderDialog();
    const dialog = await openDialog();
    const name = within(dialog).getByLabelText("Name");
    await userEvent.clear(name);
    await userEvent.type(name, "  Warmest greeting ");
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Support" }));
    // Promoting the guardrail takes it out of the guardrails.
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Primary metric" }));
    await userEvent.click(screen.getByRole("option", { name: "Escalation rate" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "CSAT" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save details" }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(supabaseStub.rpcs).toEqual([
      {
        fn: "update_experiment_details",
        args: {
          p_experiment_id: EXPERIMENT_ID,
          p_details: {
            name: "Warmest greeting",
            intent_ids: ["intent-pricing", "intent-support"],
            primary_metric_id: "metric-escalation",
            guardrail_metric_ids: ["metric-csat"],
          },
        },
      },
    ]);
  });

  it("closes without a call when nothing changed", async () => {
    await renderDialog();
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Support" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Support" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save details" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(supabaseStub.rpcs).toHaveLength(0);
  });

  it("keeps the dialog open with the database's reason when it refuses", async () => {
    supabaseStub.onRpc("update_experiment_details", () =>
      failure(
        "22023",
        "Archived entries cannot be added to an experiment: capability Qualify lead (choose another, or restore it first)",
        400,
      ),
    );
    await renderDialog();
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Capability" }));
    await userEvent.click(screen.getByRole("option", { name: "Qualify lead (Qualifylead)" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save details" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The details weren't saved. Archived entries cannot be added to an experiment: capability Qualify lead",
    );
    expect(supabaseStub.rpcs[0]!.args).toEqual({
      p_experiment_id: EXPERIMENT_ID,
      p_details: { capability_id: "cap-qualify" },
    });
  });
});

describe("detailsChanges", () => {
  const current = {
    name: "A",
    hypothesis: "H",
    capabilityId: "c",
    intentIds: ["i1", "i2"],
    actionIds: [],
    primaryMetricId: null,
    guardrailMetricIds: [],
  };

  it("compares lists as sets and reports a first primary metric", () => {
    expect(
      detailsChanges(current, {
        ...current,
        intentIds: ["i2", "i1"],
        primaryMetricId: "m",
      }),
    ).toEqual({ primary_metric_id: "m" });
    expect(
      detailsChanges(current, {
        ...current,
        primaryMetricId: "m",
        intentIds: ["i1"],
        actionIds: [],
      }),
    ).toEqual({ primary_metric_id: "m", intent_ids: ["i1"] });
  });
});
