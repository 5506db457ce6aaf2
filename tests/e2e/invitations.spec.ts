import { expect, test } from "@playwright/test";

import { DEMO_PASSWORD } from "../../scripts/lib/seed";
import { signedInClient } from "../integration/support/clients";
import { EVERY_MEMBER_PAGES } from "./support/sidebar";
import { ACME_OVERVIEW } from "./support/sign-in";

test("someone invited signs up and lands in the organization that invited them", async ({
  page,
}) => {
  const email = `invitee-${Date.now()}@acme.example`;
  const admin = await signedInClient("admin@demo.causeway.dev", DEMO_PASSWORD);
  const { data: acme } = await admin
    .from("organizations")
    .select("id")
    .eq("slug", "acme-commerce")
    .single()
    .throwOnError();
  const { data: adminUser } = await admin.auth.getUser();
  await admin
    .from("invitations")
    .insert({
      organization_id: acme.id,
      email,
      role: "prompt_engineer",
      invited_by: adminUser.user!.id,
    })
    .throwOnError();

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ivy Invitee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a-long-password");
  await page.getByLabel("Confirm password", { exact: true }).fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("You joined Acme Commerce as Prompt engineer")).toBeVisible();
  await expect(page).toHaveURL(ACME_OVERVIEW);
  await expect(page.getByRole("button", { name: "Account menu for Ivy Invitee" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(
    EVERY_MEMBER_PAGES,
  );
});

test("signing up with an email that already has an account says what to do", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Again");
  await page.getByLabel("Email").fill("admin@demo.causeway.dev");
  await page.getByLabel("Password", { exact: true }).fill("a-long-password");
  await page.getByLabel("Confirm password", { exact: true }).fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText(/An account with this email already exists\. Sign in instead/),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});
