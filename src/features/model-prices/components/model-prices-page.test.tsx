import "@/test/polyfills";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage, TEST_ORGANIZATION } from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { ModelPricesPage } from "./model-prices-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

const DEFAULT_ROW = {
  provider: "openai",
  model: "gpt-4o-mini",
  input_per_mtok: "0.15",
  output_per_mtok: "0.6",
  cached_input_per_mtok: "0.075",
  is_override: false,
  override_id: null,
  default_input_per_mtok: "0.15",
  default_output_per_mtok: "0.6",
  default_cached_input_per_mtok: "0.075",
  updated_by: null,
  updated_at: null,
};
const OVERRIDE_ROW = {
  ...DEFAULT_ROW,
  model: "gpt-4o",
  input_per_mtok: "2",
  output_per_mtok: "8",
  cached_input_per_mtok: null,
  is_override: true,
  override_id: "price-1",
  default_input_per_mtok: "2.5",
  default_output_per_mtok: "10",
  default_cached_input_per_mtok: "1.25",
  updated_at: new Date().toISOString(),
};

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onRpc("effective_model_prices", () => rows([OVERRIDE_ROW, DEFAULT_ROW]));
});

const rowOf = async (model: string) =>
  (await screen.findByText(model, { selector: "code" })).closest("tr")!;

describe("ModelPricesPage", () => {
  it("is read-only for roles that may not edit prices", async () => {
    renderOrganizationPage(<ModelPricesPage />, {
      path: "model-prices",
      organization: { ...TEST_ORGANIZATION, role: "product_manager" },
    });
    const row = await rowOf("gpt-4o");
    expect(row).toHaveTextContent("$2.00");
    expect(row).toHaveTextContent("as input");
    expect(row).toHaveTextContent("Custom");
    expect(await rowOf("gpt-4o-mini")).toHaveTextContent("$0.075");
    expect(
      screen.queryByRole("button", { name: /Edit|Add a model|Reset/ }),
    ).not.toBeInTheDocument();
    expect(supabaseStub.rpcs[0]).toEqual({
      fn: "effective_model_prices",
      args: { p_organization_id: TEST_ORGANIZATION.id },
    });
  });

  it("lets an engineer override a default price, validating the numbers first", async () => {
    supabaseStub.onTable("model_prices", () => rows([{ id: "price-2" }]));
    renderOrganizationPage(<ModelPricesPage />, {
      path: "model-prices",
      organization: { ...TEST_ORGANIZATION, role: "engineer" },
    });
    await userEvent.click(
      within(await rowOf("gpt-4o-mini")).getByRole("button", {
        name: "Edit the price of gpt-4o-mini",
      }),
    );
    const dialog = await screen.findByRole("dialog");
    const input = within(dialog).getByLabelText("Input, $ per 1M tokens");
    await userEvent.clear(input);
    await userEvent.type(input, "abc");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save price" }));
    expect(
      within(dialog).getByText("The input price is a number of dollars, e.g. 2.5."),
    ).toBeInTheDocument();
    expect(supabaseStub.queries.filter((q) => q.table === "model_prices")).toHaveLength(0);

    await userEvent.clear(input);
    await userEvent.type(input, "0.1");
    await userEvent.clear(within(dialog).getByLabelText("Cached input, $ per 1M"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save price" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const write = supabaseStub.queries.find((q) => q.table === "model_prices")!;
    expect(write.operation).toBe("insert");
    expect(write.values).toEqual({
      organization_id: TEST_ORGANIZATION.id,
      provider: "openai",
      model: "gpt-4o-mini",
      input_per_mtok: 0.1,
      output_per_mtok: 0.6,
      cached_input_per_mtok: null,
    });
  });

  it("updates an override in place and resets it to the default after confirming", async () => {
    supabaseStub.onTable("model_prices", () => rows([{ id: "price-1" }]));
    renderOrganizationPage(<ModelPricesPage />, { path: "model-prices" });
    const row = await rowOf("gpt-4o");
    await userEvent.click(within(row).getByRole("button", { name: "Edit the price of gpt-4o" }));
    const dialog = await screen.findByRole("dialog");
    const output = within(dialog).getByLabelText("Output, $ per 1M tokens");
    await userEvent.clear(output);
    await userEvent.type(output, "9");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save price" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const update = supabaseStub.queries.find((q) => q.operation === "update")!;
    expect(update.values).toEqual({
      input_per_mtok: 2,
      output_per_mtok: 9,
      cached_input_per_mtok: null,
    });
    expect(update.modifiers).toContainEqual(["eq", "id", "price-1"]);

    await userEvent.click(
      within(row).getByRole("button", { name: "Reset gpt-4o to the default price" }),
    );
    const confirm = await screen.findByRole("alertdialog");
    expect(confirm).toHaveTextContent("input $2.50, output $10.00 per million tokens");
    await userEvent.click(within(confirm).getByRole("button", { name: "Reset price" }));
    await waitFor(() =>
      expect(supabaseStub.queries.find((q) => q.operation === "delete")?.modifiers).toContainEqual([
        "eq",
        "id",
        "price-1",
      ]),
    );
  });
});
