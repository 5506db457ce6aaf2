import { expect, test, type Page } from "@playwright/test";

import { signInToAcme } from "./support/sign-in";

// Unique per run: the demo organization keeps what earlier runs against the same database made.
const run = Date.now().toString(36);
const capabilityKey = `Onboard${run}`;
const actionKey = `Lookup${run}`;
const experimentName = `Onboarding ${run}`;

async function signOut(page: Page) {
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto("/sign-in");
}

async function continueTo(page: Page, heading: string) {
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
}

test("a prompt engineer completes the wizard, a product manager approves, then a rollback", async ({
  page,
}) => {
  test.setTimeout(120_000);

  // 1. The prompt engineer walks through the wizard from the Overview's call to action.
  await signInToAcme(page, "prompt_engineer@demo.causeway.dev");
  await page.getByRole("link", { name: "Start the wizard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up an experiment" })).toBeVisible();

  await page.getByRole("combobox", { name: "Outcome metric" }).click();
  await page.getByRole("option", { name: "Conversion rate (conversion)" }).click();
  await continueTo(page, "Choose a template");

  await page
    .getByRole("radio", { name: /Intent > Capabilities \+ Actions \+ Prompt > Outcome/ })
    .check();
  await continueTo(page, "Intents");

  await page.getByRole("checkbox", { name: /PriceCheck/ }).check();
  await continueTo(page, "Capability");

  await page.getByRole("radio", { name: "Add a new capability" }).check();
  await page.getByLabel("Key").fill(capabilityKey);
  await page.getByLabel("Name").fill(`Onboarding ${run}`);
  await continueTo(page, "Actions");

  await page.getByLabel("Key").fill(actionKey);
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByRole("list", { name: "New actions" })).toContainText(actionKey);
  await continueTo(page, "Prompt and model");

  await page
    .getByLabel("Prompt", { exact: true })
    .fill("Answer the visitor's pricing question in two sentences.");

  // Progress survives leaving mid-way: back to the overview and resume.
  await page.getByRole("link", { name: "Save and exit" }).click();
  await page.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Prompt and model" })).toBeVisible();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(
    "Answer the visitor's pricing question in two sentences.",
  );

  await continueTo(page, "Connect your code");
  await expect(page.getByText("The key needs the resolve and ingest scopes")).toBeVisible();
  await expect(page.getByRole("tabpanel")).toContainText(`capability: "${capabilityKey}"`);
  await continueTo(page, "Review the flow");
  const flow = page.getByRole("list", { name: "Experiment flow" });
  for (const part of ["PriceCheck", capabilityKey, actionKey, "conversion"]) {
    await expect(flow).toContainText(part);
  }
  await continueTo(page, "Create the draft");
  await page.getByLabel("Experiment name").fill(experimentName);
  await page.getByRole("button", { name: "Create draft experiment" }).click();

  // 2. The draft exists: the experiment's page. The prompt engineer submits it for review.
  await expect(page).toHaveURL(/\/o\/acme-commerce\/experiments\/[0-9a-f-]{36}$/);
  const experimentUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: experimentName })).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  const submit = page.getByRole("alertdialog", { name: "Submit for review?" });
  await submit.getByRole("button", { name: "Submit for review" }).click();
  await expect(submit).toBeHidden();
  await expect(page.getByText("In review").first()).toBeVisible();

  // 3. The product manager approves it.
  await signOut(page);
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.goto(experimentUrl);
  await expect(page.getByRole("heading", { level: 1, name: experimentName })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  const approve = page.getByRole("alertdialog").filter({ hasText: "Approve" });
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve).toBeHidden();

  // 4. A seeded deployment is rolled back from the Deployments page, with a reason.
  await page.getByRole("link", { name: "Deployments" }).click();
  const scope = page.getByRole("region", { name: "QualifyLead", exact: true });
  await scope.getByRole("button", { name: "Roll back QualifyLead" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Roll back QualifyLead?" });
  const impact = dialog.getByRole("table", { name: "Impact of the rollback" });
  await expect(impact.getByRole("row").nth(1)).toContainText("Rolls back");
  await expect(impact).toContainText("Keeps its own deployment");
  const reason = `INC-${run}: opener confuses returning customers`;
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Roll back" }).click();
  await expect(dialog).toBeHidden();

  const history = scope.getByRole("region", { name: "History of QualifyLead" });
  const latest = history.getByRole("listitem").first();
  await expect(latest).toContainText("Rollback");
  await expect(latest).toContainText("Rolled back by Priya Product");
  await expect(latest).toContainText(reason);
});
