import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

/**
 * Saves new allocations, variant by variant. The database only requires the total to be 100% on
 * submission, so the intermediate states in between are allowed.
 */
export async function updateAllocations(
  allocations: { variantId: string; allocationBp: number }[],
) {
  for (const { variantId, allocationBp } of allocations) {
    const response = await supabase
      .from("experiment_variants")
      .update({ allocation_bp: allocationBp })
      .eq("id", variantId)
      .select("id");
    if (response.error) throw toDatabaseError("The allocations weren't saved", response);
    if (response.data.length === 0) {
      throw nothingChangedError(
        "The allocations weren't saved: the experiment is no longer a draft, or your role can't edit it.",
      );
    }
  }
}
