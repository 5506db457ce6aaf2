import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { PriceFormResult } from "../lib/price-form";

/**
 * Sets the organization's price for a model: updates its own row when it has one, else adds one
 * (which overrides the built-in price from then on).
 */
export async function saveModelPrice(
  organizationId: string,
  overrideId: string | null,
  price: PriceFormResult,
) {
  const values = {
    input_per_mtok: price.input,
    output_per_mtok: price.output,
    cached_input_per_mtok: price.cached,
  };
  const response = overrideId
    ? await supabase.from("model_prices").update(values).eq("id", overrideId).select("id")
    : await supabase
        .from("model_prices")
        .insert({
          organization_id: organizationId,
          provider: price.provider,
          model: price.model,
          ...values,
        })
        .select("id");
  if (response.error) {
    throw toDatabaseError("The price wasn't saved", response, {
      "23505": `This organization already has a price for ${price.model}: edit that row instead.`,
    });
  }
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The price wasn't saved: it was removed meanwhile, or you may no longer edit prices. Reload the page.",
    );
  }
}

/** Deletes the organization's own row: the built-in price (if any) applies again. */
export async function deleteModelPrice(overrideId: string) {
  const response = await supabase.from("model_prices").delete().eq("id", overrideId).select("id");
  if (response.error) throw toDatabaseError("The price wasn't removed", response);
}
