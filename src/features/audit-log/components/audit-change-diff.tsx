import { cn } from "@/lib/utils";
import type { Json } from "@/lib/database.types";
import { diffAuditEntry } from "../lib/diff-audit-entry";
import type { AuditEntry } from "../lib/audit-entry";

function JsonValue({ value }: { value: Json | undefined }) {
  if (value === undefined) return <span className="text-muted-foreground">—</span>;
  return (
    <code className="font-mono text-xs break-all whitespace-pre-wrap">{JSON.stringify(value)}</code>
  );
}

/** The entry's row before and after, field by field, with changed fields highlighted. */
export function AuditChangeDiff({ entry, id }: { entry: AuditEntry; id: string }) {
  const fields = diffAuditEntry(entry.before, entry.after);
  if (fields.length === 0) {
    return (
      <p id={id} className="text-sm text-muted-foreground">
        The database recorded no field values for this change.
      </p>
    );
  }
  return (
    <table id={id} className="w-full table-fixed text-left text-sm">
      <caption className="sr-only">Field values before and after this change</caption>
      <thead className="text-xs text-muted-foreground">
        <tr>
          <th scope="col" className="w-44 py-1 pr-3 pl-2 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Before
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr
            key={field.field}
            data-changed={field.changed || undefined}
            className={cn(
              "border-t border-border/60 align-top",
              field.changed
                ? "bg-warning/15 shadow-[inset_3px_0_0_var(--warning)]"
                : "text-muted-foreground",
            )}
          >
            <th scope="row" className="py-1.5 pr-3 pl-2 font-mono text-xs font-normal break-all">
              {field.field}
              {field.changed && (
                <span className="ml-2 font-sans text-[0.7rem] font-medium text-warning uppercase">
                  {" "}
                  changed
                </span>
              )}
            </th>
            <td className="py-1.5 pr-3">
              <JsonValue value={field.before} />
            </td>
            <td className="py-1.5">
              <JsonValue value={field.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
