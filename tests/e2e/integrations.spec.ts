import postgres from "postgres";

import { expect, test } from "./support/fakes";
import { signInToAcme } from "./support/sign-in";

// Unique per run: the demo organization keeps the outcomes earlier runs against this database made.
const run = Date.now().toString(36);
const account = (n: number) => `e2e-${run}-acct-${n}`;

/** Starts with HubSpot disconnected and nothing mapped, whatever an earlier run left. */
test.beforeAll(async () => {
  const sql = postgres(process.env.CAUSEWAY_DB_URL!, { onnotice: () => {}, max: 1 });
  try {
    await sql.begin(async (tx) => {
      const acme = tx`(select id from public.organizations where slug = 'acme-commerce')`;
      await tx`delete from public.hubspot_connections where organization_id = ${acme}`;
      await tx`delete from public.hubspot_mappings where organization_id = ${acme}`;
      await tx`delete from public.hubspot_sync_runs where organization_id = ${acme}`;
    });
  } finally {
    await sql.end();
  }
});

test("an admin connects HubSpot (a refused token first), maps closed-won deals to conversions, syncs, and sees the outcomes", async ({
  page,
  fakes,
}) => {
  const portal = fakes.hubspot.createPortal();
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
  const deal = (n: number, stage: string) =>
    portal.upsert(
      "deals",
      `${run}-${n}`,
      { dealname: `Deal ${n}`, dealstage: stage, customer_account: account(n) },
      minutesAgo(5 - n),
    );
  deal(1, "closedwon");
  deal(2, "contractsent");
  deal(3, "closedwon");

  await signInToAcme(page, "admin@demo.causeway.dev");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Integrations" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await expect(page.getByText("HubSpot is not connected")).toBeVisible();

  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  const connect = page.getByRole("dialog", { name: "Connect HubSpot" });
  const token = connect.getByLabel("Private app access token");
  await token.fill(`pat-na1-e2e-${run}-not-a-token`);
  const seen = fakes.hubspot.requests.length;
  await connect.getByRole("button", { name: "Connect" }).click();
  // What to do about it, rather than HubSpot's own 401 text (which is about OAuth).
  await expect(connect.getByRole("alert")).toHaveText(
    "HubSpot wasn't connected. HubSpot does not accept this token. Copy it again from your private app in HubSpot (Settings › Integrations › Private apps › your app › Auth) and paste it whole; if the app's token was rotated or the app deleted, use the current token.",
  );
  expect(fakes.hubspot.requests.slice(seen).map((r) => r.status)).toEqual([401]);
  // The refused token is selected, ready to be replaced by pasting the right one.
  await expect(token).toBeFocused();
  await page.keyboard.insertText(portal.token);
  await expect(token).toHaveValue(portal.token);

  await connect.getByRole("button", { name: "Connect" }).click();
  await expect(connect).toBeHidden();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByText(String(portal.portalId), { exact: true })).toBeVisible();
  await expect(page.getByLabel(`Token ending ${portal.token.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(portal.token)).toHaveCount(0);

  await page.getByRole("button", { name: "Add mapping" }).click();
  const mapping = page.getByRole("dialog", { name: "Map HubSpot to an outcome metric" });
  await mapping.getByRole("combobox", { name: "Deal stage" }).click();
  await page.getByRole("option", { name: "Closed Won" }).click();
  await mapping.getByRole("combobox", { name: "Record as metric" }).click();
  await page.getByRole("option", { name: /^Conversion rate/ }).click();
  await mapping.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option", { name: /^Customer account/ }).click();
  await mapping.getByRole("button", { name: "Add mapping" }).click();
  await expect(mapping).toBeHidden();
  const mapped = page.getByRole("row").filter({ hasText: "Deal reaches Closed Won" });
  await expect(mapped).toContainText(/conversion.*Account from Customer account/);

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "HubSpot is up to date." })).toHaveText(
    /^Read 3 records in \d+ pages?, 2 new outcomes\. HubSpot is up to date\.$/,
  );
  const history = page.getByRole("row").filter({ hasText: "Sync now" });
  await expect(history).toHaveCount(1);
  await expect(history.getByRole("cell")).toHaveText([
    /\d{2}:\d{2}:\d{2}$/,
    "Sync now",
    "Succeeded",
    /^\d+$/,
    "3",
    "2",
    /second/,
  ]);

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Outcomes" })
    .click();
  const recent = page.getByRole("table", { name: "Recent outcomes" });
  for (const won of [1, 3]) {
    const row = recent.getByRole("row").filter({ hasText: `Account ${account(won)}` });
    await expect(row.getByRole("cell")).toHaveText([
      "conversion",
      "1",
      /\d{4}, \d{2}:\d{2}$/,
      `Account ${account(won)}`,
      "HubSpot",
      /ago$/,
    ]);
  }
  await expect(recent.getByRole("row").filter({ hasText: account(2) })).toHaveCount(0);
});
