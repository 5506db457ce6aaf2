import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface UpdateVariantInput {
  variantId: string;
  name: string;
  /** The version it serves: re-pointing keeps the key, so assignment and logs carry on. */
  versionId: string;
}

export async function updateVariant({ variantId, name, versionId }: UpdateVariantInput) {
  const response = await supabase
    .from("experiment_variants")
    .update({ name, version_id: versionId })
    .eq("id", variantId)
    .select("id");
  if (response.error) throw toDatabaseError("The variant wasn't saved", response);
  if (response.data.length === 0) {
    throw nothingChangedError(
      "The variant wasn't saved: the experiment is no longer a draft, or your role can't edit it.",
    );
  }
}
