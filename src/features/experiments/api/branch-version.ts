import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";
import type { VersionChanges } from "../lib/version-config";

export interface BranchVersionInput {
  parentVersionId: string;
  changeMessage: string;
  changes: VersionChanges;
  /** A new branch name; without it the version continues its parent's branch. */
  branch: string | null;
}

export async function branchVersion({
  parentVersionId,
  changeMessage,
  changes,
  branch,
}: BranchVersionInput): Promise<{ id: string; number: number }> {
  const response = await supabase.rpc("branch_version", {
    p_parent_version_id: parentVersionId,
    p_change_message: changeMessage,
    p_changes: changes,
    ...(branch ? { p_branch: branch } : {}),
  });
  if (response.error) throw toDatabaseError("The version wasn't created", response);
  return { id: response.data.id, number: response.data.number };
}
