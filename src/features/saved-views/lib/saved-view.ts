import { z } from "zod";

export type SavedViewScope = "personal" | "organization";

export interface SavedView {
  id: string;
  name: string;
  scope: SavedViewScope;
  ownerId: string | null;
  /** The page under /o/:slug, e.g. "/overview/drill". */
  path: string;
  /** The search part without "?". */
  query: string;
  updatedAt: string;
}

// The table's check allows 1 to 120 characters once trimmed.
const viewNameSchema = z
  .string()
  .trim()
  .min(1, "Give the view a name.")
  .max(120, "Keep the name under 120 characters.");

export const saveViewSchema = z.object({
  name: viewNameSchema,
  scope: z.enum(["personal", "organization"]),
});

export type SaveViewValues = z.infer<typeof saveViewSchema>;

export const renameViewSchema = z.object({ name: viewNameSchema });

/**
 * Where a view lives, taken from the current location: the page relative to the organization (so
 * it survives a slug change) and its query string, exactly as in the address bar.
 */
export function viewLocation(
  pathname: string,
  search: string,
  slug: string,
): { path: string; query: string } {
  const prefix = `/o/${slug}`;
  const path = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : "/overview";
  return { path: path.replace(/\/+$/, "") || "/overview", query: search.replace(/^\?/, "") };
}

/** The link that reopens `view` in the organization `slug`. */
export function viewHref(view: Pick<SavedView, "path" | "query">, slug: string): string {
  return `/o/${slug}${view.path}${view.query ? `?${view.query}` : ""}`;
}
