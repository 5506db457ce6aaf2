import "@/test/polyfills";

import { useState } from "react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { failure, rows, supabaseStub, type RecordedQuery } from "@/test/supabase-stub";
import type {
  ExperimentDetail,
  ExperimentVariant,
  ExperimentVersion,
} from "../api/fetch-experiment";
import type { ExperimentOptions } from "../api/fetch-experiment-options";
import { evenSplit, suggestVariantKey } from "../lib/variant-form-schema";
import type { AddVariantRequest } from "./add-variant-dialog";
import { OverviewTab } from "./overview-tab";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const EXPERIMENT_ID = "00000000-0000-4000-8000-00000000e001";

function version(number: number, changeMessage: string, branch = "main"): ExperimentVersion {
  return {
    id: `00000000-0000-4000-8000-00000000v00${number}`,
    number,
    branch,
    parentVersionId: null,
    changeMessage,
    provider: "openai",
    model: "gpt-4o-mini",
    promptText: "Greet the visitor.",
    templateVersionId: null,
    templateBindings: {},
    systemPrompt: null,
    temperature: null,
    topP: null,
    maxTokens: null,
    stopSequences: [],
    tools: [],
    params: {},
    createdBy: null,
    createdAt: "2026-11-21T12:00:00+00:00",
    experimentId: EXPERIMENT_ID,
  };
}

const V1 = version(1, "Baseline");
const V2 = version(2, "Warmer greeting");
const V3 = version(3, "Claude trial", "claude-trial");

const CONTROL: ExperimentVariant = {
  id: "variant-control",
  key: "control",
  name: "Control",
  versionId: V1.id,
  allocationBp: 10000,
  isControl: true,
  position: 0,
};

function experiment(patch: Partial<ExperimentDetail> = {}): ExperimentDetail {
  return {
    id: EXPERIMENT_ID,
    organizationId: TEST_ORGANIZATION.id,
    name: "Warmer greeting",
    hypothesis: "A warmer greeting books more demos.",
    capabilityId: "capability-1",
    status: "draft",
    reviewRound: 0,
    originExperimentId: null,
    createdBy: null,
    createdAt: "2026-11-21T12:00:00+00:00",
    updatedAt: "2026-11-21T12:00:00+00:00",
    intentIds: [],
    actionIds: [],
    primaryMetricId: null,
    guardrailMetricIds: [],
    variants: [CONTROL],
    versions: [V1, V2, V3],
    reviews: [],
    deploymentIds: [],
    people: new Map(),
    ...patch,
  };
}

const OPTIONS: ExperimentOptions = {
  capabilities: [],
  intents: [],
  actions: [],
  metrics: [],
  templateVersions: [],
  requiredApprovals: 1,
};

function Harness({ detail }: { detail: ExperimentDetail }) {
  const [addVariant, setAddVariant] = useState<AddVariantRequest | null>(null);
  return (
    <OverviewTab
      experiment={detail}
      options={OPTIONS}
      addVariant={addVariant}
      onAddVariantChange={setAddVariant}
    />
  );
}

/** Renders the Overview tab once the (stubbed) session has loaded. */
async function renderOverview(detail = experiment(), role = TEST_ORGANIZATION.role) {
  const result = renderOrganizationPage(<Harness detail={detail} />, {
    path: `experiments/${EXPERIMENT_ID}`,
    organization: { ...TEST_ORGANIZATION, role },
  });
  await screen.findByText("Variants and allocation");
  return result;
}

function writes(operation: RecordedQuery["operation"]) {
  return supabaseStub.queries.filter(
    (query) => query.table === "experiment_variants" && query.operation === operation,
  );
}

async function openAddVariant() {
  await userEvent.click(screen.getByRole("button", { name: "Add variant" }));
  return screen.getByRole("dialog", { name: "Add variant" });
}

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("experiment_variants", (query) =>
    query.operation === "insert"
      ? { data: { id: "variant-new" }, error: null }
      : rows([{ id: "x" }]),
  );
});

// Typing through the form is slow on a busy machine.
describe("Add variant: the form", { timeout: 20_000 }, () => {
  it("starts from the newest unused version, a free key and an even share", async () => {
    await renderOverview();
    const dialog = await openAddVariant();

    expect(within(dialog).getByRole("combobox", { name: "Version" })).toHaveTextContent(
      "v3 · claude-trial · Claude trial",
    );
    expect(within(dialog).getByLabelText("Key")).toHaveValue("claude-trial");
    expect(within(dialog).getByLabelText("Starting allocation (%)")).toHaveValue("50");
  });

  it("mirrors the database's key rule and refuses a key the experiment already uses", async () => {
    await renderOverview();
    const dialog = await openAddVariant();
    const key = within(dialog).getByLabelText("Key");

    await userEvent.clear(key);
    await userEvent.type(key, "Warm greeting");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));
    expect(key).toHaveAccessibleDescription(
      expect.stringContaining("Keys use lowercase letters, digits, - and _"),
    );
    expect(key).toHaveFocus();

    await userEvent.clear(key);
    await userEvent.type(key, "control");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));
    expect(key).toHaveAccessibleDescription(
      expect.stringContaining("Another variant of this experiment already uses this key."),
    );

    await userEvent.clear(key);
    await userEvent.type(key, `a${"b".repeat(40)}`);
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));
    expect(key).toHaveAttribute("aria-invalid", "true");
    expect(writes("insert")).toHaveLength(0);
  });

  it("needs a version, and an allocation from 0 to 100%", async () => {
    const allUsed = experiment({
      versions: [V1],
      variants: [CONTROL],
    });
    await renderOverview(allUsed);
    const dialog = await openAddVariant();
    await userEvent.type(within(dialog).getByLabelText("Key"), "warm");
    const allocation = within(dialog).getByLabelText("Starting allocation (%)");
    await userEvent.clear(allocation);
    await userEvent.type(allocation, "150");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));

    expect(within(dialog).getByRole("combobox", { name: "Version" })).toHaveAccessibleDescription(
      "Choose the version this variant serves.",
    );
    expect(allocation).toHaveAccessibleDescription(
      expect.stringContaining("Enter a percentage from 0 to 100."),
    );
    expect(writes("insert")).toHaveLength(0);
  });

  it("adds the variant after the others, then opens the allocation editor on the new total", async () => {
    await renderOverview();
    const dialog = await openAddVariant();
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Version" }));
    await userEvent.click(screen.getByRole("option", { name: "v2 · main · Warmer greeting" }));
    const key = within(dialog).getByLabelText("Key");
    await userEvent.clear(key);
    await userEvent.type(key, " warm-greeting ");
    await userEvent.type(within(dialog).getByLabelText("Name (optional)"), "Warmer greeting");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(writes("insert").map((query) => query.values)).toEqual([
      {
        organization_id: TEST_ORGANIZATION.id,
        experiment_id: EXPERIMENT_ID,
        key: "warm-greeting",
        name: "Warmer greeting",
        version_id: V2.id,
        allocation_bp: 5000,
        is_control: false,
        position: 1,
      },
    ]);
    expect(screen.getByRole("form", { name: "Edit allocations" })).toBeInTheDocument();
  });

  it("shows the database's refusal as it words it", async () => {
    supabaseStub.onTable("experiment_variants", () =>
      failure(
        "55000",
        "Only draft experiments can be changed (this one is in_review): fork it to change it",
        400,
      ),
    );
    await renderOverview();
    const dialog = await openAddVariant();
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The variant wasn't added. Only draft experiments can be changed (this one is in_review): fork it to change it",
    );
  });

  it("words a duplicate key the database caught (another tab added it first)", async () => {
    supabaseStub.onTable("experiment_variants", () =>
      failure(
        "23505",
        'duplicate key value violates unique constraint "experiment_variants_experiment_id_key_key"',
        409,
      ),
    );
    await renderOverview();
    const dialog = await openAddVariant();
    await userEvent.click(within(dialog).getByRole("button", { name: "Add variant" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "this experiment already has a variant with the key “claude-trial”",
    );
  });
});

describe("Allocation editor: the 100% rule", () => {
  const unbalanced = experiment({
    variants: [
      CONTROL,
      {
        id: "variant-warm",
        key: "warm",
        name: "Warmer greeting",
        versionId: V2.id,
        allocationBp: 5000,
        isControl: false,
        position: 1,
      },
    ],
  });

  it("warns that allocations don't add up and blocks saving until they do", async () => {
    await renderOverview(unbalanced);
    expect(screen.getByRole("status")).toHaveTextContent(
      "Allocations add up to 150%: they must add up to 100% to submit.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Rebalance" }));
    const editor = screen.getByRole("form", { name: "Edit allocations" });
    expect(editor).toHaveTextContent("Total: 150% (must be 100%)");

    await userEvent.click(within(editor).getByRole("button", { name: "Save allocations" }));
    expect(within(editor).getByRole("alert")).toHaveTextContent(
      "Allocations must add up to exactly 100%.",
    );
    expect(writes("update")).toHaveLength(0);

    await userEvent.clear(within(editor).getByLabelText("Control"));
    await userEvent.type(within(editor).getByLabelText("Control"), "60");
    expect(editor).toHaveTextContent("Total: 110% (must be 100%)");
  });

  it("splits evenly, then saves every variant's share in basis points", async () => {
    await renderOverview(unbalanced);
    await userEvent.click(screen.getByRole("button", { name: "Edit allocations" }));
    const editor = screen.getByRole("form", { name: "Edit allocations" });
    await userEvent.click(within(editor).getByRole("button", { name: "Split evenly" }));

    expect(within(editor).getByLabelText("Control")).toHaveValue("50");
    expect(within(editor).getByLabelText("Warmer greeting")).toHaveValue("50");
    expect(editor).toHaveTextContent("Total: 100%");
    expect(editor).not.toHaveTextContent("must be 100%");

    await userEvent.click(within(editor).getByRole("button", { name: "Save allocations" }));
    await waitFor(() => expect(writes("update")).toHaveLength(2));
    expect(writes("update").map((query) => query.values)).toEqual([
      { allocation_bp: 5000 },
      { allocation_bp: 5000 },
    ]);
  });

  it("gives the remainder of an uneven split to the first variants", () => {
    expect(evenSplit(3)).toEqual([3334, 3333, 3333]);
    expect(evenSplit(7).reduce((sum, bp) => sum + bp, 0)).toBe(10000);
  });
});

describe("Variants: who may change them", () => {
  const twoVariants = experiment({
    variants: [
      CONTROL,
      {
        id: "variant-warm",
        key: "warm",
        name: "",
        versionId: V2.id,
        allocationBp: 0,
        isControl: false,
        position: 1,
      },
    ],
  });

  it("offers edit to every variant, but make-control and remove only to the others", async () => {
    await renderOverview(twoVariants);
    const control = screen.getByRole("listitem", { name: "Control" });
    expect(within(control).getByRole("button", { name: "Edit variant Control" })).toBeVisible();
    expect(within(control).queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
    expect(within(control).queryByRole("button", { name: /the control/ })).not.toBeInTheDocument();
    const warm = screen.getByRole("listitem", { name: "warm" });
    expect(within(warm).getByRole("button", { name: "Remove variant warm" })).toBeVisible();
    expect(within(warm).getByRole("button", { name: "Make warm the control" })).toBeVisible();
  });

  it("moves the control in one database call, so there is never none or two", async () => {
    supabaseStub.onRpc("set_control_variant", () => ({
      data: { id: "variant-warm" },
      error: null,
    }));
    await renderOverview(twoVariants);
    await userEvent.click(screen.getByRole("button", { name: "Make warm the control" }));
    await waitFor(() => expect(supabaseStub.rpcs).toHaveLength(1));
    expect(supabaseStub.rpcs).toEqual([
      { fn: "set_control_variant", args: { p_variant_id: "variant-warm" } },
    ]);
    expect(writes("update")).toHaveLength(0);
  });

  it("shows why the control didn't move", async () => {
    supabaseStub.onRpc("set_control_variant", () =>
      failure(
        "55000",
        "Only draft experiments can be edited (this one is in_review): fork it to change it",
        400,
      ),
    );
    await renderOverview(twoVariants);
    await userEvent.click(screen.getByRole("button", { name: "Make warm the control" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The control wasn't changed. Only draft experiments can be edited (this one is in_review)",
    );
  });

  it("confirms before removing a variant", async () => {
    await renderOverview(twoVariants);
    await userEvent.click(screen.getByRole("button", { name: "Remove variant warm" }));
    const confirm = screen.getByRole("alertdialog", { name: "Remove the variant warm?" });
    expect(writes("delete")).toHaveLength(0);
    await userEvent.click(within(confirm).getByRole("button", { name: "Remove variant" }));
    await waitFor(() => expect(writes("delete")).toHaveLength(1));
    expect(writes("delete")[0]!.modifiers).toContainEqual(["eq", "id", "variant-warm"]);
  });

  it("is read-only for roles that can't edit, and once the experiment left draft", async () => {
    const { unmount } = await renderOverview(twoVariants, "engineer");
    expect(screen.getByRole("listitem", { name: "warm" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Add variant" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Edit/ })).not.toBeInTheDocument();
    unmount();

    await renderOverview({ ...twoVariants, status: "in_review" });
    expect(screen.queryByRole("button", { name: "Add variant" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });
});

describe("suggestVariantKey", () => {
  it("uses the version's own branch, else its number, and never a taken key", () => {
    expect(suggestVariantKey(V3, [CONTROL])).toBe("claude-trial");
    expect(suggestVariantKey(V2, [CONTROL])).toBe("v2");
    expect(suggestVariantKey(V2, [CONTROL, { ...CONTROL, id: "b", key: "v2" }])).toBe("v2-2");
  });
});
