import { toDatabaseError } from "@/lib/database-errors";
import { supabase } from "@/lib/supabase";

export interface AddCommentInput {
  organizationId: string;
  experimentId: string;
  versionId: string | null;
  body: string;
  /** An annotation's target: `{ field }`, e.g. the version's prompt or system prompt. */
  anchor: { field: string } | null;
}

export async function addComment({
  organizationId,
  experimentId,
  versionId,
  body,
  anchor,
}: AddCommentInput) {
  const response = await supabase.from("experiment_comments").insert({
    organization_id: organizationId,
    experiment_id: experimentId,
    version_id: versionId,
    body,
    anchor,
  });
  if (response.error) throw toDatabaseError("The comment wasn't posted", response);
}
