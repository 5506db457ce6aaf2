import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/**
 * Makes a variant its experiment's control. One database call: the current control is unmarked
 * and the new one marked in the same transaction, so the experiment never has none or two.
 */
export async function setControlVariant(variantId: string) {
  const response = await supabase.rpc("set_control_variant", { p_variant_id: variantId });
  if (response.error) throw toDatabaseError("The control wasn't changed", response);
}
