import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";

import { DEMO_PASSWORD } from "../../scripts/lib/seed";
import { signInToAcme } from "./support/sign-in";

const SHOTS = process.env.CAUSEWAY_SCREENSHOTS_DIR ?? "/tmp/shots";
// Unique per run: the demo organization keeps what earlier runs against the same database sent.
const tag = Date.now().toString(36);
const model = `e2e-model-${tag}`;
const account = `e2e-account-${tag}`;
const runIds = [randomUUID(), randomUUID(), randomUUID()];

/** An ingest API key for Acme, created by its engineer through the same RPC the API keys page uses. */
async function createIngestKey(): Promise<string> {
  const client = createClient(
    process.env.CAUSEWAY_API_URL!,
    process.env.CAUSEWAY_PUBLISHABLE_KEY!,
    {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as never },
    },
  );
  const signIn = await client.auth.signInWithPassword({
    email: "engineer@demo.causeway.dev",
    password: DEMO_PASSWORD,
  });
  if (signIn.error) throw signIn.error;
  const org = await client.from("organizations").select("id").eq("slug", "acme-commerce").single();
  if (org.error) throw org.error;
  const key = await client.rpc("create_api_key", {
    p_organization_id: org.data.id,
    p_name: `Runs explorer e2e ${tag}`,
    p_scopes: ["ingest"],
  });
  if (key.error) throw key.error;
  return (key.data as { secret: string }[])[0]!.secret;
}

/** Three runs, feedback and an outcome, through the real ingest function. */
async function ingestRuns(key: string) {
  const now = Date.now();
  const occurred = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
  const events = [
    {
      type: "run",
      idempotency_key: `${tag}-run-0`,
      occurred_at: occurred(30),
      run: {
        id: runIds[0],
        capability: "CheckOrderStatus",
        intent: "order_status",
        model,
        provider: "openai",
        account,
        latency_ms: 1840,
        tokens_in: 1200,
        tokens_out: 300,
        cost_usd: 0.0123,
        is_manual: false,
        tool_calls: [{ name: "lookup_order", duration_ms: 95, ok: true }],
        question: `Where is order ${tag}? It was due Monday.`,
        response: "It ships tomorrow by express courier.",
        metadata: { channel: "chat" },
      },
    },
    {
      type: "run",
      idempotency_key: `${tag}-run-1`,
      occurred_at: occurred(20),
      run: {
        id: runIds[1],
        capability: "CheckOrderStatus",
        model,
        account,
        status: "error",
        error_type: "rate_limit",
        error_message: "Provider answered 429",
        is_manual: true,
      },
    },
    {
      type: "run",
      idempotency_key: `${tag}-run-2`,
      occurred_at: occurred(10),
      run: { id: runIds[2], capability: "CheckOrderStatus", model, account, latency_ms: 420 },
    },
    {
      type: "feedback",
      idempotency_key: `${tag}-feedback`,
      occurred_at: occurred(5),
      feedback: { run_id: runIds[0], thumbs: "up", rating: 5, comment: `Fast answer ${tag}` },
    },
    {
      type: "outcome",
      idempotency_key: `${tag}-outcome`,
      occurred_at: occurred(5),
      outcome: { run_id: runIds[0], metric_key: "csat", value: 5 },
    },
  ];
  const response = await fetch(`${process.env.CAUSEWAY_API_URL}/functions/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { results: { status: string }[] };
  expect(response.status).toBe(200);
  expect(body.results.map((result) => result.status)).toEqual(events.map(() => "accepted"));
}

test.beforeAll(async () => {
  await ingestRuns(await createIngestKey());
});

test("a product manager filters the runs and reads a run's prompt and response", async ({
  page,
}) => {
  await signInToAcme(page, "product_manager@demo.causeway.dev");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  const table = page.getByRole("table", { name: "Runs" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();

  await page.getByRole("combobox", { name: "Model" }).click();
  await page.getByRole("option", { name: model }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]model=${model}`));
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText("420 ms");
  await expect(table.getByRole("row").nth(2)).toContainText("Error");
  await expect(table.getByRole("row").nth(2)).toContainText("Manual");

  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Error" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters (2)" }).click();
  await page.getByRole("combobox", { name: "Model" }).click();
  await page.getByRole("option", { name: model }).click();
  await expect(table.getByRole("row")).toHaveCount(4);
  await page.screenshot({ path: `${SHOTS}/runs-explorer.png` });

  // Keyboard: focus the oldest of the three and open it with Enter.
  await table.getByRole("row").nth(3).focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: "Run details" });
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]run=${runIds[0]}`));
  await expect(drawer.getByLabel("Prompt / question")).toContainText(`Where is order ${tag}?`);
  await expect(drawer.getByLabel("Response", { exact: true })).toContainText("It ships tomorrow");
  await expect(drawer.getByRole("table", { name: "Tool calls" })).toContainText("lookup_order");
  await expect(drawer.getByRole("table", { name: "Outcomes" })).toContainText("csat");
  await expect(drawer.getByText(`Fast answer ${tag}`)).toBeVisible();
  await expect(drawer.getByLabel("Metadata JSON")).toContainText('"channel": "chat"');
  await page.screenshot({ path: `${SHOTS}/run-detail.png` });

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]run=/);
  await expect(table.getByRole("row").nth(3)).toBeFocused();
});

test("enablement opens a linked run and sees its figures but no raw text", async ({ page }) => {
  const texts: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/rpc/run_text")) texts.push(request.url());
  });
  await signInToAcme(page, "enablement@demo.causeway.dev");
  await page.goto(`/o/acme-commerce/runs?model=${model}&run=${runIds[0]}`);

  const drawer = page.getByRole("dialog", { name: "Run details" });
  await expect(drawer.getByText("Raw text is hidden for your role.")).toBeVisible();
  await expect(drawer.getByRole("table", { name: "Tool calls" })).toContainText("lookup_order");
  await expect(drawer).not.toContainText(`Where is order ${tag}?`);
  await expect(drawer).not.toContainText("It ships tomorrow");
  await page.screenshot({ path: `${SHOTS}/run-detail-enablement.png` });
  expect(texts).toEqual([]);
});
