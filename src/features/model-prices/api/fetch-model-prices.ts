import { toRequestError } from "@/lib/request-error";
import { supabase } from "@/lib/supabase";
import type { PriceProvider } from "../lib/price-form";

export interface ModelPrice {
  provider: PriceProvider;
  model: string;
  inputPerMtok: number;
  outputPerMtok: number;
  /** Null: cached input is billed as input. */
  cachedInputPerMtok: number | null;
  /** The organization's own row, when it has one (an override, or a model without a default). */
  overrideId: string | null;
  /** Null when the model has no built-in price. */
  defaults: { input: number; output: number; cached: number | null } | null;
  updatedAt: string | null;
}

// numeric columns arrive as strings through the API.
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Built-in prices merged with the organization's own (effective_model_prices). */
export async function fetchModelPrices(organizationId: string): Promise<ModelPrice[]> {
  const response = await supabase.rpc("effective_model_prices", {
    p_organization_id: organizationId,
  });
  if (response.error) throw toRequestError("Couldn't load the model prices", response);
  return (response.data ?? []).map((row) => ({
    provider: row.provider as PriceProvider,
    model: row.model,
    inputPerMtok: Number(row.input_per_mtok),
    outputPerMtok: Number(row.output_per_mtok),
    cachedInputPerMtok: num(row.cached_input_per_mtok),
    overrideId: row.is_override ? row.override_id : null,
    defaults:
      row.default_input_per_mtok === null
        ? null
        : {
            input: Number(row.default_input_per_mtok),
            output: Number(row.default_output_per_mtok),
            cached: num(row.default_cached_input_per_mtok),
          },
    updatedAt: row.is_override ? row.updated_at : null,
  }));
}
