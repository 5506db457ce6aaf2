import type { Json } from "@/lib/database.types";
import type { AuditRowImage } from "./audit-entry";

export interface FieldDiff {
  field: string;
  /** Absent when the row did not exist before (insert) … */
  before?: Json;
  /** … or no longer exists after (delete). */
  after?: Json;
  changed: boolean;
}

function sameValue(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Field-by-field comparison of an entry's before and after images, in the row's column order.
 * On an insert or delete every field counts as changed, since the whole row appeared or went.
 */
export function diffAuditEntry(
  before: AuditRowImage | null,
  after: AuditRowImage | null,
): FieldDiff[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields.map((field) => {
    const beforeValue = before ? before[field] : undefined;
    const afterValue = after ? after[field] : undefined;
    const diff: FieldDiff = {
      field,
      changed: !before || !after || !sameValue(beforeValue, afterValue),
    };
    if (before) diff.before = beforeValue ?? null;
    if (after) diff.after = afterValue ?? null;
    return diff;
  });
}
