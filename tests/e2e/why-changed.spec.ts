import { expect, test } from "@playwright/test";
import { format } from "date-fns";
import postgres from "postgres";

import { ensureDemoData } from "../../scripts/lib/demo-data";
import type { DemoPlan } from "../../scripts/lib/demo-data-model";
import { signInToAcme } from "./support/sign-in";

const DAY = 86_400_000;
let plan: DemoPlan;

// The demo year (docs/demo-data.md); a no-op when the integration suite loaded it already.
test.beforeAll(async () => {
  test.setTimeout(300_000);
  const sql = postgres(process.env.CAUSEWAY_DB_URL!, { onnotice: () => {}, max: 1 });
  try {
    plan = (await ensureDemoData(sql)).plan;
    await sql`select private.refresh_rollups()`;
  } finally {
    await sql.end();
  }
});

test("a product manager asks why BookDemo escalations rose and is pointed at Gemini Flash", async ({
  page,
}) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  const from = new Date(plan.bookDemoFlashAt.getTime() + DAY);
  const to = new Date(from.getTime() + 59 * DAY);
  await page.goto(
    `/o/acme-commerce/why-changed?metric=escalation&by=model&capability=BookDemo&range=custom&from=${format(from, "yyyy-MM-dd")}&to=${format(to, "yyyy-MM-dd")}`,
  );
  await expect(page.getByRole("heading", { level: 1, name: "Why did it change?" })).toBeVisible();

  const summary = page.getByRole("region", { name: "What changed" });
  await expect(summary.getByText(/^Escalation rate rose from .* \(\+[\d.]+ pp\)\.$/)).toBeVisible();
  await expect(
    summary.getByText(/from traffic moving between model segments \(mix\)/),
  ).toBeVisible();
  await expect(summary.getByRole("listitem").first()).toContainText("gemini-1.5-flash explains +");

  const waterfall = page.getByRole("region", {
    name: "Escalation rate: previous period to this period",
  });
  await expect(waterfall.getByRole("application")).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("gemini-1.5-flash");

  // Changing the breakdown keeps the question and updates the link.
  await page.getByLabel("Break down by").click();
  await page.getByRole("option", { name: "Provider" }).click();
  await expect(page).toHaveURL(/by=provider/);
  await expect(summary.getByText(/^Escalation rate rose/)).toBeVisible();
});

test("the Overview draws a named forecast after the metric lines", async ({ page }) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.goto("/o/acme-commerce/overview?range=3M");
  const chart = page.getByRole("region", { name: "Metrics over time" });
  await expect(chart.getByRole("application")).toBeVisible();
  await chart.getByRole("button", { name: "Show forecast" }).click();
  await expect(page).toHaveURL(/forecast=on/);
  await expect(
    chart.getByText(/Holt-Winters forecast \(season of 7\), 95% band/).first(),
  ).toBeVisible();
  await expect(chart.locator(".recharts-line path[stroke-dasharray='6 4']").first()).toBeVisible();
});
