import { expect, test } from "@playwright/test";

import { signInToAcme } from "./support/sign-in";
import { ADMIN_PAGES, EVERY_MEMBER_PAGES } from "./support/sidebar";

test("an admin sees every administration page in the sidebar", async ({ page }) => {
  await signInToAcme(page, "admin@demo.causeway.dev");
  const sidebar = page.getByRole("navigation", { name: "Main" });
  await expect(sidebar.getByRole("link")).toHaveText(ADMIN_PAGES);
});

test("enablement sees no administration page, and is told why when opening Members by URL", async ({
  page,
}) => {
  await signInToAcme(page, "enablement@demo.causeway.dev");
  const sidebar = page.getByRole("navigation", { name: "Main" });
  await expect(sidebar.getByRole("link")).toHaveText(EVERY_MEMBER_PAGES);

  await page.goto("/o/acme-commerce/members");
  await expect(
    page.getByRole("heading", { name: "You don't have permission to view this page." }),
  ).toBeVisible();
  await expect(page.getByText("Ask an admin of Acme Commerce for access.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  await page.getByRole("link", { name: "Go to Overview" }).click();
  await expect(page).toHaveURL(/\/o\/acme-commerce\/overview$/);
});
