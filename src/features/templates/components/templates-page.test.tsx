import "@/test/polyfills";

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { renderOrganizationPage } from "@/test/render-organization-page";
import { rows, supabaseStub } from "@/test/supabase-stub";
import { TemplatesPage } from "./templates-page";

vi.mock("@/lib/supabase", () => import("@/test/supabase-stub").then((m) => m.supabaseModule));

beforeEach(() => {
  supabaseStub.reset();
  supabaseStub.onTable("prompt_templates", (query) =>
    query.operation === "insert" ? { data: { id: "tpl-1" }, error: null } : rows([]),
  );
  supabaseStub.onTable("prompt_template_versions", () => rows([]));
});

async function openEditor() {
  renderOrganizationPage(<TemplatesPage />, { path: "templates" });
  await userEvent.click(await screen.findByRole("button", { name: "New template" }));
  return screen.findByRole("dialog", { name: "New prompt template" });
}

describe("template editor", () => {
  it("detects variables live and previews the body with sample values", async () => {
    const dialog = await openEditor();
    const body = within(dialog).getByLabelText("Body");
    await userEvent.type(body, "Hi {{{{customer_name}}, you have {{{{seats}} seats.");

    expect(within(dialog).getByRole("group", { name: "Variable customer_name" })).toBeVisible();
    expect(within(dialog).getByRole("group", { name: "Variable seats" })).toBeVisible();
    const preview = within(dialog).getByTestId("template-preview");
    expect(preview).toHaveTextContent("Hi {{customer_name}}, you have {{seats}} seats.");
    expect(within(dialog).getByRole("list", { name: "Problems" })).toHaveTextContent(
      "customer_name is not bound",
    );

    await userEvent.type(within(dialog).getByLabelText("Default of customer_name"), "there");
    await userEvent.type(within(dialog).getByLabelText(/^seats/), "3");
    expect(preview).toHaveTextContent("Hi there, you have 3 seats.");
    expect(dialog).toHaveTextContent("Every variable is declared and bound.");

    // Removing a placeholder from the body drops its declaration.
    await userEvent.clear(body);
    await userEvent.type(body, "Hello {{{{customer_name}}");
    expect(within(dialog).queryByRole("group", { name: "Variable seats" })).toBeNull();
  });

  it("refuses a default of the wrong type before asking the database", async () => {
    const dialog = await openEditor();
    await userEvent.type(within(dialog).getByLabelText("Name"), "Opener");
    await userEvent.type(within(dialog).getByLabelText("Body"), "{{{{seats}} seats");
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Type of seats" }));
    await userEvent.click(await screen.findByRole("option", { name: "Number" }));
    await userEvent.type(within(dialog).getByLabelText("Default of seats"), "many");
    await userEvent.click(within(dialog).getByRole("button", { name: "Create template" }));

    expect(
      await within(dialog).findByText("seats: default: Enter a number, e.g. 3 or 0.5.", {
        selector: "[role=alert]",
      }),
    ).toBeVisible();
    expect(supabaseStub.queries.some((q) => q.operation === "insert")).toBe(false);
  });

  it("saves the template and its typed declarations", async () => {
    const dialog = await openEditor();
    await userEvent.type(within(dialog).getByLabelText("Name"), "Opener");
    await userEvent.type(within(dialog).getByLabelText("Body"), "Hi {{{{name}}");
    await userEvent.type(within(dialog).getByLabelText("Description of name"), "First name");
    await userEvent.click(within(dialog).getByRole("button", { name: "Create template" }));

    await vi.waitFor(() =>
      expect(
        supabaseStub.queries.find(
          (q) => q.table === "prompt_template_versions" && q.operation === "insert",
        )?.values,
      ).toEqual({
        organization_id: expect.any(String),
        template_id: "tpl-1",
        body: "Hi {{name}}",
        variables: [{ name: "name", type: "text", description: "First name" }],
        change_message: "First version",
      }),
    );
  });
});
