import postgres from "postgres";

import { acmeId, callApiAs } from "./support/api";
import { expect, test } from "./support/fakes";
import { signInToAcme } from "./support/sign-in";

const PAGE = "/o/acme-commerce/provider-keys";
// Unique per run: whatever the page received must not contain this run's keys.
const run = Date.now().toString(36);
const WRONG_KEY = `sk-e2e-${run}-revoked-at-openai-wxyz`;
const FORCED_KEY = `sk-e2e-${run}-forced-by-a-product-manager`;

/** Starts without an OpenAI key for Acme, whatever an earlier run against this database left. */
test.beforeAll(async () => {
  const sql = postgres(process.env.CAUSEWAY_DB_URL!, { onnotice: () => {}, max: 1 });
  try {
    await sql`
      delete from public.provider_keys
      where provider = 'openai'
        and organization_id = (select id from public.organizations where slug = 'acme-commerce')`;
  } finally {
    await sql.end();
  }
});

test("an engineer adds, tests, rotates and revokes the OpenAI key, and never gets it back", async ({
  page,
  fakes,
}) => {
  const goodKey = fakes.llm.keys.openai;
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => bodies.push(response.text().catch(() => "")));
  const calls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/functions/v1/provider-keys")) calls.push(request.url());
  });

  await signInToAcme(page, "engineer@demo.causeway.dev");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Provider keys" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Provider keys" })).toBeVisible();
  const card = page.getByRole("region", { name: "OpenAI" });
  await expect(card.getByText("None", { exact: true })).toBeVisible();

  await card.getByRole("button", { name: "Add OpenAI key" }).click();
  const add = page.getByRole("dialog", { name: "Add the OpenAI key" });
  const field = add.getByLabel("OpenAI API key");
  // Pasted broken in two: refused before it leaves the browser, the focus back on the field.
  await field.fill(`${goodKey.slice(0, 10)} ${goodKey.slice(10)}`);
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(add.getByRole("alert")).toHaveText(
    "The key has a space or line break in it: paste it again, whole.",
  );
  await expect(field).toBeFocused();
  expect(calls).toEqual([]);

  await field.fill(goodKey);
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(add).toBeHidden();
  await expect(card.getByText("Active", { exact: true })).toBeVisible();
  await expect(card).toContainText(`Key ending …${goodKey.slice(-4)}`);
  await expect(card).toContainText(/Added\s*less than a minute ago by Erin Engineer/);
  await expect(card).toContainText("Not tested since it was last set.");

  fakes.llm.reset();
  await card.getByRole("button", { name: "Test the OpenAI connection" }).click();
  const lastTest = card.getByRole("status", { name: "Last connection test" });
  await expect(lastTest).toContainText(/Connection works .*: Connected: gpt-4o-mini answered in/);
  // The stored key was decrypted and sent to the provider, as the gateway would.
  expect(fakes.llm.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${goodKey}`]);

  await card.getByRole("button", { name: "Rotate OpenAI key" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate the OpenAI key" });
  await rotate.getByLabel("OpenAI API key").fill(WRONG_KEY);
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  await expect(rotate).toBeHidden();
  await expect(card).toContainText(`Key ending …${WRONG_KEY.slice(-4)}`);
  await expect(card).toContainText(/Rotated\s*less than a minute ago by Erin Engineer/);
  await expect(card).toContainText("Not tested since it was last set.");

  // A key the provider refuses: the provider's own reason, not a generic failure.
  await card.getByRole("button", { name: "Test the OpenAI connection" }).click();
  await expect(lastTest).toContainText(
    `Connection failed (tested less than a minute ago): OpenAI rejected the organization's API key: Incorrect API key provided: sk-*****${WRONG_KEY.slice(-4)}.`,
  );
  await expect(page.getByText(/^OpenAI refused the test: OpenAI rejected/)).toBeVisible();

  await card.getByRole("button", { name: "Revoke OpenAI key" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke the OpenAI key?" });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(card.getByText("None", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: "Add OpenAI key" })).toBeVisible();
  const revoked = page.getByRole("region", { name: "Revoked keys" }).getByRole("row");
  await expect(revoked.filter({ hasText: `…${WRONG_KEY.slice(-4)}` })).toContainText(
    /OpenAI.*by Erin Engineer.*by Erin Engineer/,
  );

  const html = await page.content();
  const received = await Promise.all(bodies);
  for (const key of [goodKey, WRONG_KEY]) {
    expect(html).not.toContain(key);
    expect(received.filter((body) => body.includes(key))).toEqual([]);
  }
  // The check reads the bodies that carry the keys' public fields.
  expect(received.some((body) => body.includes(`"last4":"${goodKey.slice(-4)}"`))).toBe(true);
});

test("a product manager has no Provider keys page, and the database refuses a forced change", async ({
  page,
}) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Provider keys" }),
  ).toHaveCount(0);
  await page.goto(PAGE);
  await expect(
    page.getByRole("heading", { name: "You don't have permission to view this page." }),
  ).toBeVisible();

  const organization = await acmeId(page);
  const [add, insert, list] = await callApiAs(page, [
    {
      path: "/functions/v1/provider-keys",
      method: "POST",
      body: { action: "add", organization_id: organization, provider: "openai", key: FORCED_KEY },
    },
    {
      path: "/rest/v1/provider_keys",
      method: "POST",
      body: { organization_id: organization, provider: "openai", ciphertext: "x", last4: "e2ee" },
    },
    { path: `/rest/v1/provider_keys?organization_id=eq.${organization}&select=id` },
  ]);
  expect(add).toMatchObject({
    status: 403,
    body: {
      error: {
        code: "forbidden",
        message: "Only engineers and admins of this organization can manage its provider keys.",
      },
    },
  });
  expect(insert).toMatchObject({ status: 403, body: { code: "42501" } });
  // Row-level security: a product manager reads none of the organization's keys, not even revoked ones.
  expect(list).toEqual({ status: 200, body: [] });
});
