import "@/test/polyfills";

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { failure, rows, supabaseStub } from "@/test/supabase-stub";
import { DeploymentsPage } from "./deployments-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const DEPLOYMENT = {
  capability_id: "cap-1",
  action_id: null,
  intent_id: null,
  experiment_id: null,
  kind: "deploy",
  note: "",
  deployed_by: TEST_USER.id,
  restored_deployment_id: null,
};

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("deployments", () =>
    rows([
      {
        ...DEPLOYMENT,
        id: "d2",
        version_id: "v2",
        note: "Ship v2",
        deployed_at: hoursAgo(1),
        superseded_at: null,
        rollback_to_deployment_id: "d1",
      },
      {
        ...DEPLOYMENT,
        id: "d1",
        version_id: "v1",
        deployed_at: hoursAgo(48),
        superseded_at: hoursAgo(1),
        rollback_to_deployment_id: null,
      },
    ]),
  );
  supabaseStub.onTable("capabilities", () => rows([{ id: "cap-1", key: "QualifyLead" }]));
  supabaseStub.onTable("experiment_versions", () =>
    rows([
      { id: "v1", experiment_id: "e1", number: 1, branch: "main" },
      { id: "v2", experiment_id: "e1", number: 2, branch: "main" },
    ]),
  );
  supabaseStub.onTable("experiments", () => rows([{ id: "e1", name: "Opener", status: "active" }]));
  supabaseStub.onTable("profiles", () =>
    rows([{ id: TEST_USER.id, email: TEST_USER.email, display_name: "Ada Admin" }]),
  );
  supabaseStub.onRpc("deployment_impact", () =>
    rows([
      {
        capability_id: "cap-1",
        action_id: null,
        intent_id: null,
        capability_key: "QualifyLead",
        action_key: null,
        intent_key: null,
        is_target: true,
        change: "rolls_back",
        deployed_at: hoursAgo(1),
        deployed_by: TEST_USER.id,
        version_label: "Opener v2 (main)",
        experiment_name: null,
        after_version_label: "Opener v1 (main)",
        after_experiment_name: null,
      },
      {
        capability_id: "cap-1",
        action_id: "act-1",
        intent_id: null,
        capability_key: "QualifyLead",
        action_key: "CreateQuote",
        intent_key: null,
        is_target: false,
        change: "keeps_own_deployment",
        deployed_at: hoursAgo(5),
        deployed_by: TEST_USER.id,
        version_label: "Opener v1 (main)",
        experiment_name: null,
        after_version_label: null,
        after_experiment_name: null,
      },
    ]),
  );
});

async function openRollback() {
  renderOrganizationPage(<DeploymentsPage />, { path: "deployments" });
  const scope = await screen.findByRole("region", { name: "QualifyLead" });
  expect(scope).toHaveTextContent("Opener v2 (main)");
  await userEvent.click(within(scope).getByRole("button", { name: "Roll back QualifyLead" }));
  return screen.findByRole("alertdialog", { name: "Roll back QualifyLead?" });
}

describe("rollback impact dialog", () => {
  it("shows what is live where and what changes before asking for a reason", async () => {
    const dialog = await openRollback();
    const impact = await within(dialog).findByRole("table", { name: "Impact of the rollback" });
    const [, target, narrower] = within(impact).getAllByRole("row");
    expect(target).toHaveTextContent("QualifyLead");
    expect(target).toHaveTextContent("Rolls back");
    expect(target).toHaveTextContent("Opener v2 (main)");
    expect(target).toHaveTextContent("Opener v1 (main)");
    expect(narrower).toHaveTextContent("QualifyLead · action CreateQuote");
    expect(narrower).toHaveTextContent("Keeps its own deployment");
    expect(narrower).toHaveTextContent("No change");
    expect(supabaseStub.rpcs).toContainEqual({
      fn: "deployment_impact",
      args: { p_capability_id: "cap-1", p_action_id: undefined, p_intent_id: undefined },
    });
  });

  it("requires a reason, then rolls back the scope with it", async () => {
    supabaseStub.onRpc("rollback_deployment", () => ({ data: { id: "d3" }, error: null }));
    const dialog = await openRollback();
    await within(dialog).findByRole("table", { name: "Impact of the rollback" });

    await userEvent.click(within(dialog).getByRole("button", { name: "Roll back" }));
    expect(within(dialog).getByText(/Say why you are rolling back/)).toBeVisible();
    expect(within(dialog).getByLabelText("Reason")).toHaveFocus();
    expect(supabaseStub.rpcs.some((call) => call.fn === "rollback_deployment")).toBe(false);

    await userEvent.type(within(dialog).getByLabelText("Reason"), "  INC-7: answers too long  ");
    await userEvent.click(within(dialog).getByRole("button", { name: "Roll back" }));
    await vi.waitFor(() =>
      expect(supabaseStub.rpcs).toContainEqual({
        fn: "rollback_deployment",
        args: {
          p_capability_id: "cap-1",
          p_reason: "INC-7: answers too long",
          p_action_id: undefined,
          p_intent_id: undefined,
        },
      }),
    );
    await vi.waitFor(() => expect(dialog).not.toBeInTheDocument());
  });

  it("shows the database's refusal and keeps the dialog open", async () => {
    supabaseStub.onRpc("rollback_deployment", () =>
      failure(
        "55000",
        "This is the first deployment for this scope: there is nothing to roll back to",
        400,
      ),
    );
    const dialog = await openRollback();
    await within(dialog).findByRole("table", { name: "Impact of the rollback" });
    await userEvent.type(within(dialog).getByLabelText("Reason"), "Broken");
    await userEvent.click(within(dialog).getByRole("button", { name: "Roll back" }));
    expect(
      await within(dialog).findByText(
        "The rollback didn't happen. This is the first deployment for this scope: there is nothing to roll back to.",
      ),
    ).toBeVisible();
  });

  it("offers no rollback to roles that may not roll back", async () => {
    renderOrganizationPage(<DeploymentsPage />, {
      path: "deployments",
      organization: { ...TEST_ORGANIZATION, role: "enablement" },
    });
    const scope = await screen.findByRole("region", { name: "QualifyLead" });
    expect(within(scope).queryByRole("button", { name: /Roll back/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Deploy a version" })).toBeNull();
    expect(within(scope).getByRole("region", { name: "History of QualifyLead" })).toHaveTextContent(
      "Ship v2",
    );
  });
});
