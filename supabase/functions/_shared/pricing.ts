/**
 * Run cost from token usage and a per-model price row (USD per million tokens).
 *
 *   cost = (input − cached) × input_per_mtok + cached × cached_input_per_mtok
 *          + output × output_per_mtok, all ÷ 1,000,000
 *
 * `usage.input` includes the cached tokens (see providers/types.ts `Usage`). A row without a
 * cached price bills cached tokens as ordinary input. A cost the caller sends explicitly always
 * wins over the computed one (`runCost`).
 *
 * Not modelled: long-context tiers (Gemini 2.5 Pro and Claude Sonnet 4 charge more above 200k
 * input tokens), Anthropic's cache-write surcharge (cache writes are billed as ordinary input
 * here), batch discounts and audio/image tokens.
 */
import type { ProviderName, Usage } from "./providers/types.ts";

export interface PriceRow {
  provider: ProviderName;
  model: string;
  input_per_mtok: number;
  output_per_mtok: number;
  /** Null: cached input costs the same as input. */
  cached_input_per_mtok: number | null;
}

/**
 * DEFAULT prices: public list prices (standard tier, ≤200k-token prompts) when this table was
 * written. They seed the editable price table in the database; organizations edit them in the app
 * (Settings → Model prices) when providers change their prices. Do not treat them as current.
 */
export const DEFAULT_PRICES: readonly PriceRow[] = Object.freeze([
  // OpenAI — https://openai.com/api/pricing
  price("openai", "gpt-4o", 2.5, 10, 1.25),
  price("openai", "gpt-4o-mini", 0.15, 0.6, 0.075),
  price("openai", "gpt-4.1", 2, 8, 0.5),
  price("openai", "gpt-4.1-mini", 0.4, 1.6, 0.1),
  price("openai", "gpt-4.1-nano", 0.1, 0.4, 0.025),
  price("openai", "o4-mini", 1.1, 4.4, 0.275),
  price("openai", "gpt-5", 1.25, 10, 0.125),
  price("openai", "gpt-5-mini", 0.25, 2, 0.025),
  // Anthropic — https://www.anthropic.com/pricing (cached = cache read)
  price("anthropic", "claude-opus-4-1", 15, 75, 1.5),
  price("anthropic", "claude-opus-4", 15, 75, 1.5),
  price("anthropic", "claude-sonnet-4-5", 3, 15, 0.3),
  price("anthropic", "claude-sonnet-4", 3, 15, 0.3),
  price("anthropic", "claude-3-7-sonnet", 3, 15, 0.3),
  price("anthropic", "claude-haiku-4-5", 1, 5, 0.1),
  price("anthropic", "claude-3-5-haiku", 0.8, 4, 0.08),
  // Google — https://ai.google.dev/gemini-api/docs/pricing (text input; cached = context cache)
  price("gemini", "gemini-2.5-pro", 1.25, 10, 0.125),
  price("gemini", "gemini-2.5-flash", 0.3, 2.5, 0.03),
  price("gemini", "gemini-2.5-flash-lite", 0.1, 0.4, 0.01),
  price("gemini", "gemini-2.0-flash", 0.1, 0.4, 0.025),
]);

function price(
  provider: ProviderName,
  model: string,
  input: number,
  output: number,
  cached: number | null,
): PriceRow {
  return Object.freeze({
    provider,
    model,
    input_per_mtok: input,
    output_per_mtok: output,
    cached_input_per_mtok: cached,
  });
}

/**
 * Version suffixes that name a snapshot of the same model at the same price: a date
 * (`-2024-08-06`, `-20250514`), `-latest`, or a three-digit revision (`-001`).
 */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest|\d{3})$/;

/**
 * The price row for `model`: an exact match, else the row for the model without its snapshot
 * suffix (`gpt-4o-2024-08-06` → `gpt-4o`, `claude-sonnet-4-20250514` → `claude-sonnet-4`).
 * Never a looser prefix: `gpt-4.1-mini` must not get `gpt-4.1`'s price.
 */
export function findPrice(
  table: readonly PriceRow[],
  provider: ProviderName,
  model: string,
): PriceRow | undefined {
  const wanted = model.trim().replace(/^models\//, "");
  const candidates = table.filter((row) => row.provider === provider);
  let name = wanted;
  for (;;) {
    const row = candidates.find((r) => r.model === name);
    if (row) return row;
    const shorter = name.replace(SNAPSHOT_SUFFIX, "");
    if (shorter === name) return undefined;
    name = shorter;
  }
}

/** Cost in USD of `usage` at `price`, rounded to 1e-10 (no float noise in stored values). */
export function costFromUsage(usage: Usage, price: PriceRow): number {
  const cached = Math.min(Math.max(usage.cached, 0), Math.max(usage.input, 0));
  const uncached = Math.max(usage.input, 0) - cached;
  const cachedPrice = price.cached_input_per_mtok ?? price.input_per_mtok;
  const micro = uncached * price.input_per_mtok + cached * cachedPrice +
    Math.max(usage.output, 0) * price.output_per_mtok;
  return round(micro / 1_000_000);
}

export interface RunCostInput {
  /** A cost the caller sent. Any finite number ≥ 0 wins, 0 included. */
  explicit_cost?: number | null;
  usage?: Usage | null;
  price?: PriceRow | null;
}

export type RunCost =
  | { cost_usd: number; source: "explicit" | "computed" }
  | { cost_usd: null; source: "unknown" };

/**
 * The cost recorded for a run: the explicit cost when one was sent; else computed from usage and
 * price; else unknown (null), e.g. a model with no price row. Throws RangeError for a negative or
 * non-finite explicit cost (the API validates before this point).
 */
export function runCost({ explicit_cost, usage, price }: RunCostInput): RunCost {
  if (explicit_cost !== undefined && explicit_cost !== null) {
    if (!Number.isFinite(explicit_cost) || explicit_cost < 0) {
      throw new RangeError(`An explicit cost must be a finite number ≥ 0, got ${explicit_cost}.`);
    }
    return { cost_usd: explicit_cost, source: "explicit" };
  }
  if (usage && price) return { cost_usd: costFromUsage(usage, price), source: "computed" };
  return { cost_usd: null, source: "unknown" };
}

function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
