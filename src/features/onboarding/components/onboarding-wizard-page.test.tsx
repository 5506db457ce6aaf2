import "@/test/polyfills";

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import {
  renderOrganizationPage,
  TEST_ORGANIZATION,
  TEST_USER,
} from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { readWizardDraft } from "../lib/wizard-draft";
import { OnboardingWizardPage } from "./onboarding-wizard-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const METRIC = {
  id: "m-1",
  key: "conversion_rate",
  name: "Conversion rate",
  description: "",
  unit: "%",
  aggregation: "rate",
  percentile: null,
  direction: "higher_is_better",
  archived_at: null,
};

beforeEach(() => {
  localStorage.clear();
  supabaseStub.reset();
  supabaseStub.onTable("metric_definitions", () => rows([METRIC]));
  supabaseStub.onTable("intents", () =>
    rows([
      {
        id: "i-1",
        key: "PriceCheck",
        name: "Price check",
        description: "",
        archived_at: null,
        created_at: "2026-11-01T00:00:00Z",
      },
    ]),
  );
});

function renderWizard() {
  return renderOrganizationPage(<OnboardingWizardPage />, { path: "onboarding" });
}

describe("onboarding wizard", () => {
  // Many steps through Radix selects: slower than the default 5 s on a loaded machine.
  it(
    "validates a step before moving on and keeps progress across visits",
    { timeout: 20_000 },
    async () => {
      const first = renderWizard();
      expect(
        await screen.findByRole("heading", { name: "Define the outcome to improve" }),
      ).toBeVisible();

      await userEvent.click(screen.getByRole("button", { name: /Continue/ }));
      expect(screen.getByText("Pick the metric to improve, or define a new one.")).toBeVisible();
      // Focus moves after the messages render, on the next frame.
      await vi.waitFor(() =>
        expect(screen.getByRole("combobox", { name: "Outcome metric" })).toHaveFocus(),
      );

      await userEvent.click(screen.getByRole("combobox", { name: "Outcome metric" }));
      await userEvent.click(
        await screen.findByRole("option", { name: "Conversion rate (conversion_rate)" }),
      );
      await userEvent.click(screen.getByRole("button", { name: /Continue/ }));
      expect(await screen.findByRole("heading", { name: "Choose a template" })).toHaveFocus();

      await userEvent.click(screen.getByRole("radio", { name: /Intent > Prompt > Outcome/ }));
      expect(readWizardDraft(TEST_USER.id, TEST_ORGANIZATION.id)).toMatchObject({
        step: "flow",
        flow: "intent-prompt",
        outcome: { mode: "existing", metricId: "m-1" },
      });
      first.unmount();

      renderWizard();
      expect(await screen.findByRole("heading", { name: "Choose a template" })).toBeVisible();
      expect(screen.getByRole("radio", { name: /Intent > Prompt > Outcome/ })).toBeChecked();
      const stepper = screen.getByRole("navigation", { name: "Wizard steps" });
      expect(stepper).toHaveTextContent("Outcome (done)");

      await userEvent.click(screen.getByRole("button", { name: /Continue/ }));
      expect(await screen.findByRole("heading", { name: "Intents" })).toBeVisible();
      // The simple flow has no actions step.
      expect(stepper).not.toHaveTextContent("Actions");
    },
  );

  it("adds intents inline and refuses a key that already exists", async () => {
    localStorage.setItem(
      `causeway.onboarding-wizard.v1:${TEST_USER.id}:${TEST_ORGANIZATION.id}`,
      JSON.stringify({
        ...(await import("../lib/wizard-draft")).EMPTY_DRAFT,
        step: "intents",
        furthest: "intents",
        flow: "intent-prompt",
      }),
    );
    renderWizard();
    expect(await screen.findByRole("heading", { name: "Intents" })).toBeVisible();
    await userEvent.type(screen.getByLabelText("Key"), "PriceCheck{Enter}");
    await userEvent.click(screen.getByRole("button", { name: /Continue/ }));
    expect(
      screen.getByText("PriceCheck: PriceCheck already exists: pick it from the list instead."),
    ).toBeVisible();

    await userEvent.click(screen.getByRole("button", { name: "Remove PriceCheck" }));
    await userEvent.click(screen.getByRole("checkbox", { name: /PriceCheck/ }));
    await userEvent.click(screen.getByRole("button", { name: /Continue/ }));
    expect(await screen.findByRole("heading", { name: "Capability" })).toBeVisible();
  });
});
