import {
  EMPTY_DRAFT,
  readWizardDraft,
  saveWizardDraft,
  wizardStorageKey,
  type WizardDraft,
} from "./wizard-draft";
import { stepsFor, validateStep, type StepContext } from "./wizard-steps";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const CONTEXT: StepContext = {
  existingKeys: { intents: ["PriceCheck"], capabilities: ["QualifyLead"], actions: [] },
  templateVariables: null,
};

beforeEach(() => localStorage.clear());

describe("wizard draft persistence", () => {
  it("keeps a draft per user and organization under a versioned key", () => {
    const draft: WizardDraft = { ...EMPTY_DRAFT, step: "flow", furthest: "flow" };
    saveWizardDraft("user-1", "org-1", draft);
    expect(wizardStorageKey("user-1", "org-1")).toBe("causeway.onboarding-wizard.v1:user-1:org-1");
    expect(readWizardDraft("user-1", "org-1")).toEqual(draft);
    expect(readWizardDraft("user-2", "org-1")).toBeNull();
    expect(readWizardDraft("user-1", "org-2")).toBeNull();
  });

  it("discards a stored draft that does not match the schema", () => {
    localStorage.setItem(wizardStorageKey("u", "o"), JSON.stringify({ step: "somewhere" }));
    expect(readWizardDraft("u", "o")).toBeNull();
    expect(localStorage.getItem(wizardStorageKey("u", "o"))).toBeNull();

    localStorage.setItem(wizardStorageKey("u", "o"), "{not json");
    expect(readWizardDraft("u", "o")).toBeNull();
    expect(localStorage.getItem(wizardStorageKey("u", "o"))).toBeNull();
  });
});

describe("wizard step validation", () => {
  it("skips actions in the Intent > Prompt > Outcome flow", () => {
    expect(stepsFor("intent-prompt")).not.toContain("actions");
    expect(stepsFor("intent-capabilities-actions-prompt")).toContain("actions");
  });

  it("needs an outcome metric, picked or valid", () => {
    expect(validateStep("outcome", EMPTY_DRAFT, CONTEXT)).toEqual({
      metricId: "Pick the metric to improve, or define a new one.",
    });
    const draft: WizardDraft = {
      ...EMPTY_DRAFT,
      outcome: {
        ...EMPTY_DRAFT.outcome,
        mode: "new",
        metric: {
          ...EMPTY_DRAFT.outcome.metric,
          key: "Bad Key",
          name: "x",
          aggregation: "percentile",
        },
      },
    };
    expect(validateStep("outcome", draft, CONTEXT)).toEqual({
      "metric.key": expect.stringContaining("Lowercase letters"),
    });
    const percentile = { ...draft.outcome.metric, key: "latency_p95", name: "Latency" };
    expect(
      validateStep(
        "outcome",
        { ...draft, outcome: { ...draft.outcome, metric: percentile } },
        CONTEXT,
      ),
    ).toEqual({ "metric.percentile": expect.stringContaining("between 0 and 100") });
  });

  it("refuses a new taxonomy entry whose key already exists", () => {
    const draft: WizardDraft = {
      ...EMPTY_DRAFT,
      intents: { selectedIds: [], created: [{ key: "PriceCheck", name: "Price" }] },
    };
    expect(validateStep("intents", draft, CONTEXT)).toEqual({
      "intents.0.key": "PriceCheck already exists: pick it from the list instead.",
    });
    expect(validateStep("intents", EMPTY_DRAFT, CONTEXT)).toEqual({
      intents: "Pick at least one intent, or add a new one.",
    });
  });

  it("checks that every template variable is bound with its type", () => {
    const draft: WizardDraft = {
      ...EMPTY_DRAFT,
      prompt: {
        ...EMPTY_DRAFT.prompt,
        mode: "template",
        templateVersionId: "tv-1",
        bindings: { seats: "many" },
      },
    };
    const context: StepContext = {
      ...CONTEXT,
      templateVariables: [
        { name: "seats", type: "number" },
        { name: "tone", type: "text" },
        { name: "name", type: "text", default: "there" },
      ],
    };
    expect(validateStep("prompt", draft, context)).toEqual({
      "binding.seats": "Enter a number, e.g. 3 or 0.5.",
      "binding.tone": "Give tone a value: it has no default.",
    });
  });
});
