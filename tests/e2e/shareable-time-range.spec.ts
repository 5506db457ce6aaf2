import { expect, test } from "@playwright/test";
import { format, subDays } from "date-fns";

import { signInToAcme } from "./support/sign-in";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const daysAgo = (days: number) => format(subDays(new Date(), days), "yyyy-MM-dd");

test("a copied link reopens the same custom time range", async ({ context, page }) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  const presets = page.getByRole("radiogroup", { name: "Time range" });
  const timeRangeCard = page.getByRole("region", { name: "At a glance" });
  await expect(presets.getByRole("radio", { name: /^7D/ })).toBeChecked();

  await presets.getByRole("radio", { name: /^1M/ }).click();
  await expect(page).toHaveURL(/[?&]range=1M/);
  await expect(presets.getByRole("radio", { name: /^1M/ })).toBeChecked();
  await expect(timeRangeCard).toContainText("Last month");

  const from = daysAgo(20);
  const to = daysAgo(6);
  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Apply" }).click();

  const customButton = page.getByRole("button", { name: /^Custom range: / });
  await expect(customButton).toBeVisible();
  const label = (await customButton.textContent())?.trim() ?? "";
  const params = new URL(page.url()).searchParams;
  expect(Object.fromEntries(params)).toEqual({ range: "custom", from, to });
  await expect(presets.getByRole("radio", { checked: true })).toHaveCount(0);

  // Back returns to the previous filters: each change is its own history entry.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]range=1M/);
  await page.goForward();
  await expect(customButton).toBeVisible();

  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const reopened = await context.newPage();
  await reopened.goto(copied);
  await expect(reopened).toHaveURL(copied);
  const reopenedCustom = reopened.getByRole("button", { name: `Custom range: ${label}` });
  await expect(reopenedCustom).toBeVisible();
  await expect(reopened.getByRole("region", { name: "At a glance" })).toContainText(label);
  await expect(
    reopened.getByRole("radiogroup", { name: "Time range" }).getByRole("radio", { checked: true }),
  ).toHaveCount(0);

  await reopenedCustom.click();
  await expect(reopened.getByLabel("From", { exact: true })).toHaveValue(from);
  await expect(reopened.getByLabel("To", { exact: true })).toHaveValue(to);
});

test("an invalid time range in a link falls back to the last 7 days and says so", async ({
  page,
}) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.goto(`/o/acme-commerce/overview?range=custom&from=${daysAgo(2)}&to=${daysAgo(9)}`);
  await expect(
    page.getByRole("radiogroup", { name: "Time range" }).getByRole("radio", { name: /^7D/ }),
  ).toBeChecked();
  await expect(
    page.getByText(/custom range starts after it ends, so the last 7 days are shown/),
  ).toBeVisible();
});
