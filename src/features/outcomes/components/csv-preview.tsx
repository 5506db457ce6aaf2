import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { CsvRowError } from "../lib/csv";
import type { ParsedCsv } from "../lib/csv-import";

const PREVIEW_ROWS = 10;
export const LISTED_ERRORS = 100;

function describe(error: CsvRowError): string {
  const field = error.field === "row" ? "" : `${error.column ?? error.field}: `;
  return `${field}${error.reason}`;
}

/** The first rows as read, each with its problems (or "Ready"). */
export function CsvPreview({
  parsed,
  errors,
}: {
  parsed: ParsedCsv;
  errors: readonly CsvRowError[] | null;
}) {
  const rows = parsed.rows.slice(0, PREVIEW_ROWS);
  const byLine = new Map<number, CsvRowError[]>();
  for (const error of errors ?? []) {
    if (error.line > (rows.at(-1)?.line ?? 0)) break;
    byLine.set(error.line, [...(byLine.get(error.line) ?? []), error]);
  }
  return (
    <section aria-labelledby="csv-preview-heading" className="grid gap-2">
      <h3 id="csv-preview-heading" className="text-sm font-semibold">
        Preview of the first {rows.length} rows
      </h3>
      <div className="overflow-x-auto rounded-xl border">
        <Table aria-label="Preview">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-14">Line</TableHead>
              {parsed.headers.map((header, index) => (
                <TableHead key={index}>{header}</TableHead>
              ))}
              <TableHead>Check</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => {
              const problems = byLine.get(row.line);
              return (
                <TableRow key={row.line}>
                  <TableCell className="font-mono text-xs text-muted-foreground">
                    {row.line}
                  </TableCell>
                  {parsed.headers.map((_, index) => (
                    <TableCell key={index} className="max-w-48 truncate">
                      {row.fields[index]}
                    </TableCell>
                  ))}
                  <TableCell className="min-w-56">
                    {errors === null ? (
                      <span className="text-muted-foreground">Checking…</span>
                    ) : problems ? (
                      <ul className="grid gap-0.5 text-sm text-destructive">
                        {problems.map((problem, i) => (
                          <li key={i}>{describe(problem)}</li>
                        ))}
                      </ul>
                    ) : (
                      <Badge variant="success">Ready</Badge>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/** Every problem, by line, the first LISTED_ERRORS of them. */
export function CsvErrorList({ errors }: { errors: readonly CsvRowError[] }) {
  return (
    <ol aria-label="Rows with errors" className="grid max-h-64 gap-1 overflow-y-auto text-sm">
      {errors.slice(0, LISTED_ERRORS).map((error, index) => (
        <li key={index}>
          <span className="font-medium">Line {error.line}</span>{" "}
          <span className="text-muted-foreground">·</span> {describe(error)}
        </li>
      ))}
      {errors.length > LISTED_ERRORS && (
        <li className="text-muted-foreground">
          …and {(errors.length - LISTED_ERRORS).toLocaleString()} more: download the rejected rows
          to see them all.
        </li>
      )}
    </ol>
  );
}
