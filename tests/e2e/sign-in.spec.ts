import { expect, test } from "@playwright/test";

import { signIn } from "./support/sign-in";

test("a wrong password says so, and keeps the person on the form", async ({ page }) => {
  await signIn(page, "admin@demo.causeway.dev", "not-the-password");
  await expect(
    page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue("admin@demo.causeway.dev");
});

test("signing in returns to the page that asked for it, filters included", async ({ page }) => {
  await page.goto("/o/acme-commerce/overview?range=3M");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signIn(page, "operations@demo.causeway.dev");
  await expect(page).toHaveURL(/\/o\/acme-commerce\/overview\?range=3M$/);
  await expect(
    page.getByRole("radiogroup", { name: "Time range" }).getByRole("radio", { name: /^3M/ }),
  ).toBeChecked();
});

test("signing out returns to the sign-in page", async ({ page }) => {
  await signIn(page, "engineer@demo.causeway.dev");
  await expect(page).toHaveURL(/\/o\/acme-commerce\/overview/);
  await page.getByRole("button", { name: /^Account menu for / }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/o/acme-commerce/overview");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});
