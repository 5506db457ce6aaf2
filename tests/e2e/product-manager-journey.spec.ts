import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import postgres from "postgres";

import { signInToAcme } from "./support/sign-in";

test.use({ permissions: ["clipboard-read", "clipboard-write"], acceptDownloads: true });

const SHOTS = process.env.CAUSEWAY_SCREENSHOTS_DIR ?? "/tmp/shots";
const run = Date.now().toString(36);
// Runs of its own, so the journey has a known path whatever demo data is loaded: one experiment
// variant, one intent, a model named for this test run.
const model = `journey-model-${run}`;
const runIds = Array.from({ length: 6 }, () => randomUUID());
let experiment: { id: string; name: string };
let variant: { id: string; label: string };
let intent: { key: string; name: string };

/** Ingests runs and conversion outcomes for Acme through the ingest function, with an API key. */
test.beforeAll(async () => {
  const sql = postgres(process.env.CAUSEWAY_DB_URL!, { onnotice: () => {}, max: 1 });
  try {
    const [acme] = await sql<{ id: string }[]>`
      select id from public.organizations where slug = 'acme-commerce'`;
    const [row] = await sql<
      { id: string; name: string; variant_id: string; variant_key: string; variant_name: string }[]
    >`
      select e.id, e.name, v.id as variant_id, v.key as variant_key, v.name as variant_name
      from public.experiments e
      join public.experiment_variants v on v.experiment_id = e.id
      where e.organization_id = ${acme!.id}
      order by e.created_at, v.position limit 1`;
    experiment = { id: row!.id, name: row!.name };
    variant = { id: row!.variant_id, label: row!.variant_name || row!.variant_key };
    const [taxonomy] = await sql<{ key: string; name: string }[]>`
      select key, name from public.intents where organization_id = ${acme!.id} order by key limit 1`;
    intent = taxonomy!;
    const [engineer] = await sql<{ id: string }[]>`
      select id from auth.users where email = 'engineer@demo.causeway.dev'`;
    // create_api_key checks the caller's role, so it runs as the engineer would through the API.
    const secret = await sql.begin(async (tx) => {
      const claims = JSON.stringify({ sub: engineer!.id, role: "authenticated" });
      await tx`select set_config('role', 'authenticated', true),
                      set_config('request.jwt.claims', ${claims}, true),
                      set_config('request.jwt.claim.sub', ${engineer!.id}, true)`;
      const [key] = await tx<{ secret: string }[]>`
        select secret from public.create_api_key(${acme!.id}, ${`Journey ${run}`}, '{ingest}')`;
      return key!.secret;
    });

    const now = Date.now();
    const events = runIds.flatMap((id, index) => {
      const occurredAt = new Date(now - (index + 1) * 3_600_000).toISOString();
      return [
        {
          type: "run",
          idempotency_key: `journey-run-${id}`,
          occurred_at: occurredAt,
          run: {
            id,
            experiment_id: experiment.id,
            variant_id: variant.id,
            intent: intent.key,
            model,
            provider: "openai",
            latency_ms: 400 + index * 100,
            cost_usd: (index + 1) / 1000,
            tokens_in: 300,
            tokens_out: 120,
            account: `journey-account-${index % 2}`,
          },
        },
        {
          type: "outcome",
          idempotency_key: `journey-outcome-${id}`,
          occurred_at: occurredAt,
          outcome: { metric_key: "conversion", value: index % 3 === 0 ? 1 : 0, run_id: id },
        },
      ];
    });
    const response = await fetch(`${process.env.CAUSEWAY_API_URL}/functions/v1/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({ events }),
    });
    const body = (await response.json()) as { results: { status: string }[] };
    expect(response.status).toBeLessThan(300);
    expect(body.results.map((result) => result.status)).not.toContain("rejected");
  } finally {
    await sql.end();
  }
});

async function downloadText(page: Page, start: () => Promise<void>): Promise<[Download, Buffer]> {
  const [download] = await Promise.all([page.waitForEvent("download"), start()]);
  const path = await download.path();
  return [download, await readFile(path)];
}

test("a product manager opens the Overview, changes the range, drills down to a run, exports CSV and PDF, and shares the link", async ({
  context,
  page,
}) => {
  // Six pages, two downloads and a second tab on a shared two-core machine.
  test.setTimeout(180_000);
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  const glance = page.getByRole("region", { name: "At a glance" });
  await expect(glance.getByRole("link", { name: /^Conversion/ })).toBeVisible();

  // The range: one month, in the URL.
  await page
    .getByRole("radiogroup", { name: "Time range" })
    .getByRole("radio", { name: /^1M/ })
    .click();
  await expect(page).toHaveURL(/[?&]range=1M/);
  await expect(glance).toContainText("Last month, compared with the period before.");
  await expect(
    page
      .getByRole("region", { name: "Metrics over time" })
      .locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });

  // Narrow to this test's model so the drill-down path is ours alone.
  await page.getByRole("button", { name: "Filter by model" }).click();
  await page.getByRole("searchbox", { name: "Search model values" }).fill(model);
  // The filter lives in the URL; the box shows it once the navigation has rendered.
  const modelBox = page.getByRole("checkbox", { name: new RegExp(`^${model}`) });
  await modelBox.click();
  await expect(modelBox).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`[?&]model=${model}`));

  // KPI → experiment → variant → intent → runs.
  await glance.getByRole("link", { name: /^Conversion/ }).click();
  await expect(page).toHaveURL(/\/overview\/drill\?.*metric=conversion/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Conversion by experiment" }),
  ).toBeVisible();
  await page.getByRole("link", { name: experiment.name, exact: true }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Conversion by variant" }),
  ).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`^${variant.label} · `) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Conversion by intent" })).toBeVisible();
  await page.getByRole("link", { name: intent.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Conversion: the runs" })).toBeVisible();
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb).toContainText(`Experiment: ${experiment.name}`);
  await expect(breadcrumb).toContainText(`Intent: ${intent.name}`);
  const runsTable = page.getByRole("table", { name: "Runs" });
  await expect(runsTable.getByRole("row")).toHaveCount(runIds.length + 1);
  await page.screenshot({ path: `${SHOTS}/drill-down-runs.png`, fullPage: true });
  const drillUrl = page.url();

  // CSV of the runs: a header block with the range and filters, then one row per run, exact.
  await page.getByRole("button", { name: "Export this view" }).click();
  const [csvDownload, csv] = await downloadText(page, () =>
    page.getByRole("menuitem", { name: "Download CSV" }).click(),
  );
  expect(csvDownload.suggestedFilename()).toMatch(
    /^causeway-acme-commerce-conversion-the-runs-.*\.csv$/,
  );
  const lines = csv.toString("utf8").split("\r\n");
  expect(lines[0]).toBe("Causeway export,Runs");
  expect(lines).toContain("Organization,Acme Commerce");
  expect(lines).toContain("Range,Last month");
  expect(lines).toContain(`Filter: Experiment,${experiment.name}`);
  expect(lines).toContain(`Filter: Intent,${intent.name}`);
  expect(lines).toContain(`Filter: Model,${model}`);
  const header = lines.indexOf(
    "Run id,Occurred at (UTC),Model,Intent,Status,Latency (ms),Cost (USD),Tokens,Account",
  );
  expect(header).toBeGreaterThan(0);
  const body = lines.slice(header + 1).filter(Boolean);
  expect(body.map((line) => line.split(",")[0]).sort()).toEqual([...runIds].sort());
  const last = body.find((line) => line.startsWith(runIds[5]!))!.split(",");
  expect(last.slice(2)).toEqual([
    model,
    intent.key,
    "ok",
    "900",
    "0.006",
    "420",
    "journey-account-1",
  ]);

  // A run opens in the Runs explorer with the accumulated filters.
  await runsTable.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/o\/acme-commerce\/runs\?/);
  const handedOver = new URL(page.url()).searchParams;
  expect(handedOver.get("experiment")).toBe(experiment.id);
  expect(handedOver.get("variant")).toBe(variant.id);
  expect(handedOver.get("intent")).toBe(intent.key);
  expect(handedOver.get("model")).toBe(model);
  expect(handedOver.get("range")).toBe("1M");
  expect(runIds).toContain(handedOver.get("run"));

  // PDF of the Overview: title, filters, KPI cards, the charts as images, the table.
  await page.goto(drillUrl);
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Overview" })
    .click();
  await expect(page).toHaveURL(/\/overview\?.*range=1M/);
  await expect(
    page
      .getByRole("region", { name: "Metrics over time" })
      .locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Export this view" }).click();
  const [pdfDownload, pdf] = await downloadText(page, () =>
    page.getByRole("menuitem", { name: "Download PDF report" }).click(),
  );
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = pdf.toString("latin1");
  expect((text.match(/\/Type \/Page\b(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(1);
  expect(text).toContain("/Subtype /Image");

  // The top bar's link reopens the same view.
  await page.getByRole("button", { name: "Copy link" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  const reopened = await context.newPage();
  await reopened.goto(copied);
  await expect(reopened).toHaveURL(copied);
  await expect(
    reopened.getByRole("radiogroup", { name: "Time range" }).getByRole("radio", { name: /^1M/ }),
  ).toBeChecked();
  await expect(reopened.getByRole("button", { name: "Model filter: 1 selected" })).toBeVisible();
  await expect(reopened.getByRole("region", { name: "At a glance" })).toContainText("Last month");
});

test("a product manager shares a saved view with the organization and an engineer opens it", async ({
  browser,
  page,
}) => {
  const name = `Monthly conversion ${run}`;
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.goto(
    "/o/acme-commerce/overview?range=3M&metrics=conversion&metrics=escalation&by=intent",
  );
  await page.getByRole("button", { name: "Save view" }).click();
  const dialog = page.getByRole("dialog", { name: "Save this view" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("combobox", { name: "Who sees it" }).click();
  await page.getByRole("option", { name: "Everyone in Acme Commerce" }).click();
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();

  const engineerContext = await browser.newContext();
  const engineer = await engineerContext.newPage();
  await signInToAcme(engineer, "engineer@demo.causeway.dev");
  await engineer.getByRole("button", { name: "Views" }).click();
  const shared = engineer.getByRole("region", { name: "Shared with Acme Commerce" });
  // Engineers open shared views but may not rename or delete them.
  await expect(shared.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
  await expect(shared.getByRole("button", { name: `Rename ${name}` })).toHaveCount(0);
  await shared.getByRole("link", { name }).click();
  await expect(engineer).toHaveURL(
    /\/o\/acme-commerce\/overview\?range=3M&metrics=conversion&metrics=escalation&by=intent$/,
  );
  await expect(engineer.getByRole("region", { name: "Conversion by intent table" })).toBeVisible();
  await engineerContext.close();

  // The product manager renames it (typing replaces the selected name), then removes it.
  const renamed = `Quarterly conversion ${run}`;
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: `Rename ${name}` }).click();
  const rename = page.getByRole("dialog", { name: `Rename “${name}”` });
  await expect(rename.getByLabel("Name")).toBeFocused();
  await page.keyboard.type(renamed);
  await page.keyboard.press("Enter");
  await expect(rename).toBeHidden();
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();
  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete view" }).click();
  await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
});
