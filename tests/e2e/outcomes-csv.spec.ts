import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

import { signInToAcme } from "./support/sign-in";

// Unique per run: the demo organization keeps what earlier runs against the same database made,
// and the same file uploaded twice would (rightly) be recognised as already recorded.
const run = Date.now().toString(36);
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const CSV = [
  "metric,value,occurred_at,conversation_id",
  `csat,5,${day(-1)},e2e-${run}-1`,
  `csat,five,${day(-1)},e2e-${run}-2`,
  `nps,9,${day(-1)},e2e-${run}-3`,
  `csat,2,${day(-2)},e2e-${run}-4`,
  `csat,4,${day(400)},e2e-${run}-5`,
  `csat,3,${day(-3)},e2e-${run}-6`,
].join("\n");

test("operations uploads a CSV with bad rows: sees each error by line, records the rest, downloads the rejected rows", async ({
  page,
}) => {
  await signInToAcme(page, "operations@demo.causeway.dev");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Outcomes" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcomes" })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({
    name: `outcomes-${run}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });
  await expect(page.getByText(`outcomes-${run}.csv`)).toBeVisible();
  await expect(page.getByText("6 rows", { exact: false }).first()).toBeVisible();

  // The mapping was guessed from the header row.
  await expect(page.getByRole("combobox", { name: "Metric" })).toHaveText("metric");
  await expect(page.getByRole("combobox", { name: "Conversation" })).toHaveText("conversation_id");

  // Every bad row, with its line number and what is wrong.
  const checks = page.getByRole("region", { name: "Check results" });
  await expect(checks.getByText("3 rows ready")).toBeVisible();
  await expect(checks.getByText("3 rows with errors", { exact: false })).toBeVisible();
  const errors = page.getByRole("list", { name: "Rows with errors" }).getByRole("listitem");
  await expect(errors).toHaveText([
    'Line 3 · value: must be a number, like 12 or -129.90 (got "five")',
    'Line 4 · metric: is not a metric of this organization: "nps" (define it under Taxonomy, Metrics first)',
    /^Line 6 · occurred_at: occurred_at is 1 year in the future$/,
  ]);
  // The preview marks the same rows.
  const preview = page.getByRole("table", { name: "Preview" });
  await expect(preview.getByRole("row").nth(1)).toContainText("Ready");
  await expect(preview.getByRole("row").nth(2)).toContainText("value: must be a number");

  await page.getByRole("button", { name: "Record 3 outcomes" }).click();
  const recording = page.getByRole("region", { name: "Recording" });
  await expect(recording.getByText("3 outcomes recorded")).toBeVisible();
  await expect(recording.getByText("3 rows rejected")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Recording outcomes" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );

  const downloading = page.waitForEvent("download");
  await recording.getByRole("button", { name: "Download rejected rows" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`outcomes-${run}-rejected.csv`);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.replace(/^\uFEFF/, "").split("\r\n")).toEqual([
    "line,metric,value,occurred_at,conversation_id,errors",
    `3,csat,five,${day(-1)},e2e-${run}-2,"value: must be a number, like 12 or -129.90 (got ""five"")"`,
    `4,nps,9,${day(-1)},e2e-${run}-3,"metric_key: is not a metric of this organization: ""nps"" (define it under Taxonomy, Metrics first)"`,
    `6,csat,4,${day(400)},e2e-${run}-5,occurred_at: occurred_at is 1 year in the future`,
    "",
  ]);

  // What was recorded is listed, newest first, as coming from a CSV file.
  const recent = page.getByRole("table", { name: "Recent outcomes" });
  await expect(recent.getByRole("row", { name: new RegExp(`e2e-${run}-1`) })).toContainText("CSV");
  await expect(recent.getByText(new RegExp(`e2e-${run}-(2|3|5)$`))).toHaveCount(0);
});
