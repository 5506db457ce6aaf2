import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costFromUsage, DEFAULT_PRICES, findPrice } from "../../supabase/functions/_shared/pricing";
import type { Client } from "./support/clients";
import { adminSql } from "./support/db";
import { stackEnv } from "./support/env";
import { createApiKey, createTestOrg, signIn, type TestOrg } from "./support/experiments";

// The editable price table and the costs ingest fills in from it, through the real stack; and
// the per-key ingest rate limit.

const INGEST_URL = `${stackEnv.apiUrl}/functions/v1/ingest`;

let org: TestOrg;
let key: string;
let engineer: Client;
let pm: Client;

beforeAll(async () => {
  org = await createTestOrg("prices");
  key = (await createApiKey(org, ["ingest"])).secret;
  engineer = await signIn(org.users.engineer);
  pm = await signIn(org.users.product_manager);
}, 60_000);

afterAll(async () => {
  await org.delete();
  await adminSql.end();
});

async function ingest(events: unknown[], apiKey = key) {
  const res = await fetch(INGEST_URL, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ events }),
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

/** Ingests one run and returns its stored cost (null when none). */
async function costOf(run: Record<string, unknown>): Promise<number | null> {
  const id = randomUUID();
  const { res } = await ingest([
    {
      type: "run",
      idempotency_key: id,
      occurred_at: new Date().toISOString(),
      run: { id, ...run },
    },
  ]);
  expect(res.status).toBe(200);
  const [row] = await adminSql<{ cost_usd: string | null }[]>`
    select cost_usd from public.llm_runs where id = ${id}`;
  return row!.cost_usd === null ? null : Number(row!.cost_usd);
}

describe("model prices", () => {
  it("ship the same defaults as _shared/pricing.ts", async () => {
    const rows = await adminSql<Record<string, string | null>[]>`
      select provider, model, input_per_mtok::text, output_per_mtok::text, cached_input_per_mtok::text
      from public.model_prices where organization_id is null order by provider, model`;
    const asNumbers = rows.map((r) => ({
      provider: r.provider,
      model: r.model,
      input_per_mtok: Number(r.input_per_mtok),
      output_per_mtok: Number(r.output_per_mtok),
      cached_input_per_mtok:
        r.cached_input_per_mtok === null ? null : Number(r.cached_input_per_mtok),
    }));
    const expected = [...DEFAULT_PRICES]
      .map((p) => ({ ...p }))
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    expect(asNumbers).toEqual(expected);
  });

  it("fill in a run's cost from tokens and model exactly as pricing.ts computes it", async () => {
    const cases = [
      {
        provider: "openai",
        model: "gpt-4o-mini",
        tokens_in: 1240,
        tokens_out: 11,
        tokens_cached: 1024,
      },
      {
        provider: "anthropic",
        model: "claude-sonnet-4-20250514",
        tokens_in: 5000,
        tokens_out: 700,
      },
      { provider: "gemini", model: "models/gemini-2.0-flash-001", tokens_in: 10, tokens_out: 0 },
      { model: "gpt-4.1-mini", tokens_in: 1000, tokens_out: 1000, tokens_cached: 400 },
    ] as const;
    for (const run of cases) {
      const price = findPrice(
        DEFAULT_PRICES,
        ("provider" in run ? run.provider : "openai") as "openai",
        run.model,
      )!;
      const expected = costFromUsage(
        {
          input: run.tokens_in,
          output: run.tokens_out,
          cached: "tokens_cached" in run ? run.tokens_cached : 0,
        },
        price,
      );
      expect(await costOf(run)).toBe(expected);
    }
  });

  it("let an explicit cost win, and leave unknown models and token-less runs unpriced", async () => {
    expect(await costOf({ model: "gpt-4o", tokens_in: 1000, tokens_out: 10, cost_usd: 0 })).toBe(0);
    expect(await costOf({ model: "gpt-4o", tokens_in: 1000, cost_usd: 1.5 })).toBe(1.5);
    expect(await costOf({ model: "our-own-model", tokens_in: 1000, tokens_out: 10 })).toBeNull();
    expect(await costOf({ model: "gpt-4o" })).toBeNull();
    // gpt-4.1-mini must never get gpt-4.1's price, nor gpt-4o-mini gpt-4o's.
    expect(await costOf({ model: "gpt-4.1-mini", tokens_in: 1_000_000 })).toBe(0.4);
  });

  it("use the organization's own price over the default, edited by engineers and admins only", async () => {
    const denied = await pm
      .from("model_prices")
      .insert({
        organization_id: org.orgId,
        provider: "openai",
        model: "gpt-4o",
        input_per_mtok: 1,
        output_per_mtok: 1,
      })
      .select("id");
    expect(denied.error?.code).toBe("42501");

    const added = await engineer
      .from("model_prices")
      .insert({
        organization_id: org.orgId,
        provider: "openai",
        model: "gpt-4o",
        input_per_mtok: 2,
        output_per_mtok: 4,
        cached_input_per_mtok: null,
      })
      .select("id, updated_by")
      .single();
    expect(added.error).toBeNull();
    expect(added.data!.updated_by).toBe(org.users.engineer.id);
    expect(
      await costOf({
        provider: "openai",
        model: "gpt-4o-2024-08-06",
        tokens_in: 1_000_000,
        tokens_out: 500_000,
        tokens_cached: 500_000,
      }),
    ).toBe(4);

    const effective = await pm.rpc("effective_model_prices", { p_organization_id: org.orgId });
    expect(effective.error).toBeNull();
    const gpt4o = effective.data!.find((r) => r.model === "gpt-4o")!;
    expect(gpt4o).toMatchObject({ is_override: true, override_id: added.data!.id });
    expect(Number(gpt4o.input_per_mtok)).toBe(2);
    expect(Number(gpt4o.default_input_per_mtok)).toBe(2.5);
    expect(effective.data!.filter((r) => r.is_override)).toHaveLength(1);
    expect(effective.data).toHaveLength(DEFAULT_PRICES.length);

    const changedDefault = await engineer
      .from("model_prices")
      .update({ input_per_mtok: 0 })
      .is("organization_id", null)
      .select("id");
    expect(changedDefault.data ?? []).toEqual([]);

    const removed = await engineer
      .from("model_prices")
      .delete()
      .eq("id", added.data!.id)
      .select("id");
    expect(removed.data).toHaveLength(1);
    expect(await costOf({ provider: "openai", model: "gpt-4o", tokens_in: 1_000_000 })).toBe(2.5);
  });
});

describe("ingest rate limit", () => {
  it("answers 429 with Retry-After and the limit once a key's bucket is empty, then recovers", async () => {
    const limited = await createTestOrg("ratelimit");
    try {
      const limitedKey = (await createApiKey(limited, ["ingest"])).secret;
      await adminSql`
        update public.organization_settings
        set ingest_rate_limit_per_second = 2, ingest_rate_limit_burst = 5
        where organization_id = ${limited.orgId}`;
      const batch = (n: number) =>
        Array.from({ length: n }, () => ({
          type: "run",
          idempotency_key: randomUUID(),
          occurred_at: new Date().toISOString(),
          run: { model: "gpt-4o" },
        }));
      const first = await ingest(batch(4), limitedKey);
      expect(first.res.status).toBe(200);
      const second = await ingest(batch(4), limitedKey);
      expect(second.res.status).toBe(429);
      const retryAfter = Number(second.res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
      expect(second.body.error).toMatchObject({
        code: "rate_limited",
        details: { events_per_second: 2, burst: 5, retry_after_seconds: retryAfter },
      });
      expect((second.body.error as { message: string }).message).toMatch(
        /may send 2 events per second, in bursts of up to 5/,
      );
      const [stored] = await adminSql<{ n: number }[]>`
        select count(*)::int as n from public.llm_runs where organization_id = ${limited.orgId}`;
      expect(stored!.n).toBe(4);

      // Another key of the same organization has its own bucket.
      const otherKey = (await createApiKey(limited, ["ingest"])).secret;
      expect((await ingest(batch(1), otherKey)).res.status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
      expect((await ingest(batch(4), limitedKey)).res.status).toBe(200);
    } finally {
      await limited.delete();
    }
  });
});
