import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export async function removeVariant(variantId: string) {
  const response = await supabase
    .from("experiment_variants")
    .delete()
    .eq("id", variantId)
    .select("id");
  if (response.error) throw toDatabaseError("The variant wasn't removed", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The variant wasn't removed: the experiment is no longer a draft, or your role can't edit it.",
    );
  }
}
