import { z } from "zod";

export const PRICE_PROVIDERS = ["openai", "anthropic", "gemini", "custom"] as const;
export type PriceProvider = (typeof PRICE_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<PriceProvider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
  custom: "Custom",
};

/** USD per million tokens, as typed: "2.5", "0.075", "" (only for the optional cached price). */
const usd = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label} price (0 if it is free).`)
    .regex(/^\d+(\.\d+)?$/, `The ${label} price is a number of dollars, e.g. 2.5.`)
    .transform(Number)
    .refine((value) => value <= 100_000, `The ${label} price is at most $100,000 per million.`);

export const priceFormSchema = z.object({
  provider: z.enum(PRICE_PROVIDERS),
  // The database's rule for model names (model_prices.model).
  model: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,119}$/,
      "A model name is letters, digits and . _ : / @ -, as the provider spells it (e.g. gpt-4o-mini).",
    ),
  input: usd("input"),
  output: usd("output"),
  cached: z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === "") return null;
      if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100_000) {
        context.addIssue({
          code: "custom",
          message: "The cached input price is a number of dollars, or empty to bill it as input.",
        });
        return z.NEVER;
      }
      return Number(value);
    }),
});
export type PriceFormValues = z.input<typeof priceFormSchema>;
export type PriceFormResult = z.output<typeof priceFormSchema>;

/** "$2.50" for a price per million tokens; small prices keep their digits ("$0.075"). */
export function formatUsdPerMillion(value: number | null): string {
  if (value === null) return "—";
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}
