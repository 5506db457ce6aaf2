import { expect, test, type Page } from "@playwright/test";

import { signInToAcme } from "./support/sign-in";

// Unique per run: the demo organization keeps what earlier runs against the same database made.
const run = Date.now().toString(36);
const name = `Warmer greeting ${run}`;
const SHOTS = process.env.CAUSEWAY_SCREENSHOTS_DIR ?? "/tmp/shots";

async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account menu for / }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test("a prompt engineer branches, splits traffic with a new variant and submits a draft, a product manager approves, it goes active", async ({
  page,
}) => {
  // The seed's experiments are all past review: the prompt engineer starts a draft of their own.
  await signInToAcme(page, "prompt_engineer@demo.causeway.dev");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Experiments" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Experiments" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Qualify lead: consultative opener" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/experiments-list.png` });

  await page.getByRole("button", { name: "New experiment" }).click();
  const create = page.getByRole("dialog", { name: "New experiment" });
  await create.getByLabel("Name").fill(name);
  await create
    .getByLabel("Hypothesis", { exact: true })
    .fill("A warmer greeting books more demos without more escalations.");
  await create.getByRole("combobox", { name: "Capability" }).click();
  await page.getByRole("option", { name: /Book demo/ }).click();
  await create.getByRole("combobox", { name: "Primary metric" }).click();
  await page.getByRole("option", { name: "Conversion rate" }).click();
  await create.getByRole("checkbox", { name: "Escalation rate" }).check();
  await create
    .getByLabel("Prompt text")
    .fill("Greet the visitor.\nAsk which days suit them for a demo.");
  await create.getByLabel("Model").fill("gpt-4o-mini");
  await create.getByRole("button", { name: "Create draft" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/experiment-detail.png` });

  // Its details stay editable while it is a draft.
  await page.getByRole("button", { name: "Edit details" }).click();
  const details = page.getByRole("dialog", { name: "Edit details" });
  const hypothesis = "A warmer greeting books more demos, without more escalations or lower CSAT.";
  await details.getByLabel("Hypothesis", { exact: true }).fill(hypothesis);
  await page.screenshot({ path: `${SHOTS}/experiment-edit-details.png` });
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details).toBeHidden();
  await expect(page.getByText(hypothesis)).toBeVisible();

  // A new version from the control, with a change message.
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "New version from v1" }).click();
  const branch = page.getByRole("dialog", { name: "New version from v1" });
  await branch.getByLabel("Change message").fill("Warmer greeting");
  await branch
    .getByLabel("Prompt text")
    .fill("Greet the visitor warmly by name.\nAsk which days suit them for a demo.");
  await branch.getByRole("button", { name: "Create version" }).click();
  await expect(branch).toBeHidden();
  await expect(page.getByRole("article", { name: "Version 2" })).toContainText("Warmer greeting");

  // Compare the two.
  await page.getByRole("button", { name: "Compare v2 with its parent v1" }).click();
  const promptDiff = page.getByRole("region", { name: "Prompt diff" });
  await expect(promptDiff).toContainText("Removed: Greet the visitor.");
  await expect(promptDiff).toContainText("Added: Greet the visitor warmly by name.");
  await expect(page.getByRole("region", { name: "Config diff" })).toContainText("Warmer greeting");
  await page.screenshot({ path: `${SHOTS}/experiment-compare.png` });

  // v2 gets traffic: a second variant beside the control, then a 50/50 split.
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "Use v2 in a variant" }).click();
  const addVariant = page.getByRole("dialog", { name: "Add variant" });
  await expect(addVariant.getByRole("combobox", { name: "Version" })).toContainText(
    "v2 · main · Warmer greeting",
  );
  await addVariant.getByLabel("Key").fill("warm-greeting");
  await addVariant.getByLabel("Name (optional)").fill("Warmer greeting");
  await addVariant.getByLabel("Starting allocation (%)").fill("50");
  await page.screenshot({ path: `${SHOTS}/add-variant.png` });
  await addVariant.getByRole("button", { name: "Add variant" }).click();
  await expect(addVariant).toBeHidden();
  const allocations = page.getByRole("form", { name: "Edit allocations" });
  await expect(allocations).toContainText("Total: 150% (must be 100%)");
  await page.screenshot({ path: `${SHOTS}/variants-rebalance.png` });
  await allocations.getByRole("button", { name: "Split evenly" }).click();
  await expect(allocations).toContainText("Total: 100%");
  await allocations.getByRole("button", { name: "Save allocations" }).click();
  await expect(allocations).toBeHidden();
  const variants = page.getByRole("list", { name: "Variants" });
  await expect(variants.getByRole("listitem")).toHaveCount(2);
  await expect(variants.getByRole("listitem", { name: "Control" })).toContainText("50%");
  await expect(variants.getByRole("listitem", { name: "Control" })).toContainText("v1");
  await expect(variants.getByRole("listitem", { name: "Warmer greeting" })).toContainText("50%");
  await expect(variants.getByRole("listitem", { name: "Warmer greeting" })).toContainText("v2");
  await page.screenshot({ path: `${SHOTS}/variants.png` });

  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("In review", { exact: true })).toBeVisible();
  await expect(page.getByText("0 of 1 approval")).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeHidden();
  const detailUrl = page.url().split("?")[0]!;

  // The product manager is notified and approves.
  await signOut(page);
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
  await page
    .getByRole("link", { name: new RegExp(name) })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(detailUrl.replace(/.*\/o\//, "/o/")));
  await page.getByRole("button", { name: "Approve" }).click();
  const approve = page.getByRole("alertdialog", { name: `Approve '${name}'?` });
  await approve.getByLabel("Comment (optional)").fill("Looks good.");
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve).toBeHidden();
  await expect(page.getByText("1 of 1 approval · approved by Priya Product")).toBeVisible();

  // Now it can be activated.
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
});
