import { expect, type Page } from "@playwright/test";

import { DEMO_PASSWORD } from "../../../scripts/lib/seed";

export const ACME_OVERVIEW = /\/o\/acme-commerce\/overview/;

/** Signs in through the form, as a person would. Leaves the page wherever the app sends it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInToAcme(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(ACME_OVERVIEW);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Commerce" })).toBeVisible();
}
