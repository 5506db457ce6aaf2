import type { Json } from "@/lib/database.types";
import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface VersionDiffField {
  field: string;
  from: Json | null;
  to: Json | null;
  changed: boolean;
}

/** The database's field-by-field comparison; `prompt` is rendered for template versions. */
export async function fetchVersionDiff(
  fromVersionId: string,
  toVersionId: string,
): Promise<VersionDiffField[]> {
  const response = await supabase.rpc("version_diff", {
    p_from_version_id: fromVersionId,
    p_to_version_id: toVersionId,
  });
  if (response.error) throw toDatabaseError("Couldn't compare the versions", response);
  return response.data.map((row) => ({
    field: row.field,
    from: row.from_value,
    to: row.to_value,
    changed: row.changed,
  }));
}
