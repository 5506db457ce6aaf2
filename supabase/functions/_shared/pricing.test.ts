import assert from "node:assert/strict";
import { costFromUsage, DEFAULT_PRICES, findPrice, type PriceRow, runCost } from "./pricing.ts";

const ROW: PriceRow = {
  provider: "openai",
  model: "m",
  input_per_mtok: 2.5,
  output_per_mtok: 10,
  cached_input_per_mtok: 1.25,
};

Deno.test("pricing: uncached input, cached input and output at their own prices", () => {
  // 1,000,000 input of which 400,000 cached, 100,000 output:
  // 600,000 × 2.5 + 400,000 × 1.25 + 100,000 × 10 = 1.5 + 0.5 + 1.0 = 3.0 USD
  assert.equal(costFromUsage({ input: 1_000_000, output: 100_000, cached: 400_000 }, ROW), 3);
  assert.equal(costFromUsage({ input: 1200, output: 8, cached: 0 }, ROW), 0.00308);
});

Deno.test("pricing: no cached price bills cached tokens as input; no float noise", () => {
  const row = { ...ROW, cached_input_per_mtok: null };
  assert.equal(costFromUsage({ input: 1_000_000, output: 0, cached: 400_000 }, row), 2.5);
  const mini = findPrice(DEFAULT_PRICES, "openai", "gpt-4o-mini")!;
  assert.equal(costFromUsage({ input: 3, output: 1, cached: 0 }, mini), 0.00000105);
  const nano = findPrice(DEFAULT_PRICES, "openai", "gpt-4.1-nano")!;
  // 1 × 0.1 + 2 × 0.4 is 9.000000000000001e-7 in floating point
  assert.equal(costFromUsage({ input: 1, output: 2, cached: 0 }, nano), 0.0000009);
  // cached beyond input (bad data) never makes the cost negative or larger than all-input
  assert.equal(costFromUsage({ input: 10, output: 0, cached: 50 }, ROW), 0.0000125);
});

Deno.test("pricing: an explicit cost wins, 0 included; else computed; else unknown", () => {
  const usage = { input: 1_000_000, output: 0, cached: 0 };
  assert.deepEqual(runCost({ explicit_cost: 0.42, usage, price: ROW }), {
    cost_usd: 0.42,
    source: "explicit",
  });
  assert.deepEqual(runCost({ explicit_cost: 0, usage, price: ROW }), {
    cost_usd: 0,
    source: "explicit",
  });
  assert.deepEqual(runCost({ explicit_cost: null, usage, price: ROW }), {
    cost_usd: 2.5,
    source: "computed",
  });
  assert.deepEqual(runCost({ usage, price: null }), { cost_usd: null, source: "unknown" });
  assert.deepEqual(runCost({ usage: null, price: ROW }), { cost_usd: null, source: "unknown" });
  assert.throws(() => runCost({ explicit_cost: -1 }), RangeError);
  assert.throws(() => runCost({ explicit_cost: Number.NaN }), RangeError);
});

Deno.test("pricing: findPrice matches exactly or without a snapshot suffix, never a looser prefix", () => {
  const model = (provider: PriceRow["provider"], name: string) =>
    findPrice(DEFAULT_PRICES, provider, name)?.model;
  assert.equal(model("openai", "gpt-4o"), "gpt-4o");
  assert.equal(model("openai", "gpt-4o-2024-08-06"), "gpt-4o");
  assert.equal(model("openai", "gpt-4o-mini-2024-07-18"), "gpt-4o-mini");
  assert.equal(model("openai", "gpt-4.1-mini"), "gpt-4.1-mini");
  assert.equal(model("openai", "gpt-4.1-mega"), undefined);
  assert.equal(model("anthropic", "claude-sonnet-4-20250514"), "claude-sonnet-4");
  assert.equal(model("anthropic", "claude-3-5-haiku-latest"), "claude-3-5-haiku");
  assert.equal(model("gemini", "models/gemini-2.5-flash"), "gemini-2.5-flash");
  assert.equal(model("gemini", "gemini-2.0-flash-001"), "gemini-2.0-flash");
  assert.equal(model("anthropic", "gpt-4o"), undefined, "the provider must match too");
});

Deno.test("pricing: the default table covers each provider's main models, sanely", () => {
  for (
    const [provider, name] of [
      ["openai", "gpt-4o"],
      ["openai", "gpt-4o-mini"],
      ["openai", "gpt-4.1"],
      ["anthropic", "claude-sonnet-4"],
      ["anthropic", "claude-3-5-haiku"],
      ["gemini", "gemini-2.5-pro"],
      ["gemini", "gemini-2.5-flash"],
    ] as const
  ) {
    assert.ok(findPrice(DEFAULT_PRICES, provider, name), `${provider}/${name}`);
  }
  const keys = new Set<string>();
  for (const row of DEFAULT_PRICES) {
    const key = `${row.provider}/${row.model}`;
    assert.ok(!keys.has(key), `duplicate ${key}`);
    keys.add(key);
    assert.ok(row.input_per_mtok > 0 && row.output_per_mtok >= row.input_per_mtok, key);
    assert.ok(
      row.cached_input_per_mtok === null || row.cached_input_per_mtok < row.input_per_mtok,
      key,
    );
  }
  assert.equal(findPrice(DEFAULT_PRICES, "anthropic", "claude-sonnet-4")?.input_per_mtok, 3);
  assert.equal(findPrice(DEFAULT_PRICES, "gemini", "gemini-2.5-flash")?.output_per_mtok, 2.5);
});
