import { nothingChangedError, toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

const NOT_EDITABLE =
  "The control wasn't changed: the experiment is no longer a draft, or your role can't edit it.";

async function setIsControl(variantId: string, isControl: boolean) {
  const response = await supabase
    .from("experiment_variants")
    .update({ is_control: isControl })
    .eq("id", variantId)
    .select("id");
  if (response.error) throw toDatabaseError("The control wasn't changed", response);
  if (response.data.length === 0) throw nothingChangedError(NOT_EDITABLE);
}

/**
 * Makes a variant the control. The database allows one control per experiment (a unique index
 * checked row by row), so the current control is unmarked first; if marking the new one then
 * fails, the old one is marked again so the experiment is never left without a control.
 */
export async function setControlVariant({
  variantId,
  currentControlId,
}: {
  variantId: string;
  currentControlId: string | null;
}) {
  if (currentControlId === variantId) return;
  if (currentControlId) await setIsControl(currentControlId, false);
  try {
    await setIsControl(variantId, true);
  } catch (error) {
    if (currentControlId) await setIsControl(currentControlId, true).catch(() => undefined);
    throw error;
  }
}
