import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";

import { acmeId, callApiAs } from "./support/api";
import { signInToAcme } from "./support/sign-in";

const PAGE = "/o/acme-commerce/model-prices";
// A built-in price no other spec's runs use: input $0.10, cached $0.025, output $0.40.
const MODEL = "gemini-2.0-flash";

/** Starts from the built-in price, whatever an earlier run against this database left. */
test.beforeAll(async () => {
  const sql = postgres(process.env.CAUSEWAY_DB_URL!, { onnotice: () => {}, max: 1 });
  try {
    await sql`
      delete from public.model_prices
      where provider = 'gemini' and model = ${MODEL}
        and organization_id = (select id from public.organizations where slug = 'acme-commerce')`;
  } finally {
    await sql.end();
  }
});

/** The accessible name of whatever has the focus (its aria-label, else its text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute("aria-label") ?? element?.textContent?.trim() ?? "";
  });

/**
 * Reaches the button named `name` as a keyboard user would: Tab to "Skip to content", Enter,
 * then Tab until it has the focus.
 */
async function tabToButton(page: Page, name: string, maxPresses = 60) {
  await page.keyboard.press("Tab");
  expect(await focusedName(page)).toBe("Skip to content");
  await page.keyboard.press("Enter");
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press("Tab");
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`${maxPresses} presses of Tab never reached "${name}"`);
}

const rowOf = (page: Page) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name: MODEL, exact: true }) });

test("an engineer changes a price with the keyboard alone; a bad value is refused, a good one stays", async ({
  page,
}) => {
  const writes: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/rest/v1/model_prices") && request.method() !== "GET") {
      writes.push(`${request.method()} ${request.url()}`);
    }
  });

  await signInToAcme(page, "engineer@demo.causeway.dev");
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Model prices" })).toBeVisible();
  const row = rowOf(page);
  await expect(row).toContainText(/Gemini.*\$0\.10.*\$0\.025.*\$0\.40.*Default/);

  const edit = row.getByRole("button", { name: `Edit the price of ${MODEL}` });
  await tabToButton(page, `Edit the price of ${MODEL}`);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Price of ${MODEL}` });
  const input = dialog.getByLabel("Input, $ per 1M tokens");
  await expect(input).toBeFocused();
  await expect(input).toHaveValue("0.1");

  // A decimal comma, then Enter from another field: the error is specific, the focus goes back to
  // the field to fix, and nothing is sent.
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("0,15");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Output, $ per 1M tokens")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText(
    "The input price is a number of dollars, e.g. 2.5.",
  );
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toBeFocused();
  expect(writes).toEqual([]);

  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("0.15");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Cached input, $ per 1M")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Output, $ per 1M tokens")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("0.6");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Saved the price of ${MODEL}`)).toBeVisible();
  // Back where the keyboard user left off.
  await expect(edit).toBeFocused();
  await expect(row).toContainText(/\$0\.15.*\$0\.025.*\$0\.60.*Custom/);
  expect(writes).toHaveLength(1);

  await page.reload();
  await expect(rowOf(page)).toContainText(/\$0\.15.*\$0\.025.*\$0\.60.*Custom/);

  // Back to the built-in price, still by keyboard: Reset, then confirm.
  await tabToButton(page, `Reset ${MODEL} to the default price`);
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: `Reset ${MODEL} to the default price?` });
  await expect(confirm).toContainText("input $0.10, output $0.40 per million tokens");
  // The safe choice has the focus first.
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(confirm.getByRole("button", { name: "Reset price" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(rowOf(page)).toContainText(/\$0\.10.*\$0\.025.*\$0\.40.*Default/);
});

test("a product manager reads the prices but cannot change them", async ({ page }) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Model prices" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Model prices" })).toBeVisible();
  await expect(page.getByText("Engineers and admins keep them up to date.")).toBeVisible();
  await expect(rowOf(page)).toContainText(/\$0\.10.*\$0\.025.*\$0\.40.*Default/);
  await expect(page.getByRole("button", { name: "Add a model" })).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: /^(Edit the price of|Reset|Remove) / }),
  ).toHaveCount(0);

  // Forced from the page with the product manager's session: the database refuses it.
  const [insert] = await callApiAs(page, [
    {
      path: "/rest/v1/model_prices",
      method: "POST",
      body: {
        organization_id: await acmeId(page),
        provider: "gemini",
        model: MODEL,
        input_per_mtok: 0,
        output_per_mtok: 0,
      },
    },
  ]);
  expect(insert).toMatchObject({ status: 403, body: { code: "42501" } });
  await page.reload();
  await expect(rowOf(page)).toContainText(/\$0\.10.*\$0\.025.*\$0\.40.*Default/);
});
