import { expect, test } from "@playwright/test";

import { signInToAcme } from "./support/sign-in";

// Unique per run: the demo organization keeps what earlier runs against the same database made.
const run = Date.now().toString(36);

test.beforeEach(async ({ page }) => {
  await signInToAcme(page, "admin@demo.causeway.dev");
});

test("an admin invites a new email as operations and sees it pending", async ({ page }) => {
  const email = `e2e.${run}@acme.example`;
  await page.goto("/o/acme-commerce/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();

  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Operations" }).click();
  await dialog.getByRole("button", { name: "Invite" }).click();
  await expect(dialog).toBeHidden();

  const invitations = page.getByRole("region", { name: "Pending invitations" });
  const row = invitations.getByRole("row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Operations");
  await expect(row).toContainText("Ada Admin");
  await expect(row.getByText("Pending", { exact: true })).toBeVisible();
});

test("an admin creates an ingest API key, sees the secret once, and revokes it", async ({
  page,
}) => {
  const name = `E2E ingest ${run}`;
  await page.goto("/o/acme-commerce/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: "ingest" }).check();
  await form.getByRole("button", { name: "Create key" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(secretDialog).toContainText(
    "This is the only time the key is shown. Store it in your secret manager.",
  );
  const secretInput = secretDialog.getByRole("textbox", { name: "API key" });
  await expect(secretInput).toHaveValue(/^cw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  const secret = await secretInput.inputValue();

  // Neither Escape nor a click outside may close it while the secret is shown.
  await page.keyboard.press("Escape");
  await page.mouse.click(5, 5);
  await expect(secretDialog).toBeVisible();

  await secretDialog.getByRole("button", { name: "I've stored it" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${secret.slice(0, 15)}…`);
  await expect(row).toContainText("ingest");
  await expect(row).toContainText("Never");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Revoke API key ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke API key '${name}'?` });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
});
