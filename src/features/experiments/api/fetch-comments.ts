import { fetchProfilesByIds, personName } from "@/features/profiles";
import type { Json } from "@/lib/database.types";
import { toRequestError } from "@/lib/request-error";
import { parseTimestamp } from "@/lib/timestamps";
import { supabase } from "@/lib/supabase";

export interface ExperimentComment {
  id: string;
  body: string;
  /** Set when the comment is about one version rather than the whole experiment. */
  versionId: string | null;
  /** Set on annotations: what part of the version the comment points at. */
  anchor: Json | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
  /** Changed by its author since it was posted. */
  edited: boolean;
}

/** The experiment's discussion, oldest first, as a conversation reads. */
export async function fetchComments(experimentId: string): Promise<ExperimentComment[]> {
  const response = await supabase
    .from("experiment_comments")
    .select("id, body, version_id, anchor, created_by, created_at, updated_at")
    .eq("experiment_id", experimentId)
    .order("created_at");
  if (response.error) throw toRequestError("Couldn't load the discussion", response);
  const authors = await fetchProfilesByIds(response.data.map((row) => row.created_by));
  return response.data.map((row) => {
    const author = row.created_by ? authors.get(row.created_by) : undefined;
    return {
      id: row.id,
      body: row.body,
      versionId: row.version_id,
      anchor: row.anchor,
      authorId: row.created_by,
      authorName: author ? personName(author) : null,
      createdAt: row.created_at,
      edited: parseTimestamp(row.updated_at) > parseTimestamp(row.created_at),
    };
  });
}
