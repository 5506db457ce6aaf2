import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { MetricDefinition } from "@/features/taxonomy";
import {
  mappingProblems,
  OUTCOME_CSV_FIELDS,
  type OutcomeColumnMapping,
  type OutcomeCsvField,
} from "../lib/csv";

const FIELD_LABELS: Record<OutcomeCsvField, string> = {
  metric_key: "Metric",
  value: "Value",
  occurred_at: "Occurred at",
  run_id: "Run id",
  run_external_id: "Run external id",
  conversation_id: "Conversation",
  end_user_id: "End user",
  account: "Account",
};

const NOT_MAPPED = "none";

/** The Select's value for a field's mapping: "none", "column:<index>" or "metric:<key>". */
function encode(mapping: OutcomeColumnMapping, field: OutcomeCsvField): string {
  const value = mapping[field];
  if (value === undefined) return NOT_MAPPED;
  if (typeof value === "object") return `metric:${value.constant}`;
  return `column:${value}`;
}

function decode(value: string): number | { constant: string } | undefined {
  if (value.startsWith("column:")) return Number(value.slice("column:".length));
  if (value.startsWith("metric:")) return { constant: value.slice("metric:".length) };
  return undefined;
}

interface ColumnMappingProps {
  headers: readonly string[];
  mapping: OutcomeColumnMapping;
  metrics: readonly MetricDefinition[];
  onChange(mapping: OutcomeColumnMapping): void;
}

/** Which column feeds each outcome field; the metric may instead be one fixed metric. */
export function ColumnMapping({ headers, mapping, metrics, onChange }: ColumnMappingProps) {
  const problems = mappingProblems(mapping);
  const active = metrics.filter((metric) => metric.archivedAt === null);
  return (
    <section aria-labelledby="column-mapping-heading" className="grid gap-3">
      <div>
        <h3 id="column-mapping-heading" className="text-sm font-semibold">
          Columns
        </h3>
        <p className="text-sm text-muted-foreground">
          Guessed from the header row; change any that are wrong. A file of one metric (CSAT scores,
          say) can use a fixed metric instead of a column.
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {OUTCOME_CSV_FIELDS.map((field) => (
          <div key={field} className="grid gap-1.5">
            <Label htmlFor={`mapping-${field}`}>{FIELD_LABELS[field]}</Label>
            <Select
              value={encode(mapping, field)}
              onValueChange={(value) => {
                const next = { ...mapping } as Record<string, unknown>;
                const decoded = decode(value);
                if (decoded === undefined) delete next[field];
                else next[field] = decoded;
                onChange(next as OutcomeColumnMapping);
              }}
            >
              <SelectTrigger id={`mapping-${field}`} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NOT_MAPPED}>Not in the file</SelectItem>
                <SelectSeparator />
                <SelectGroup>
                  <SelectLabel>Columns</SelectLabel>
                  {headers.map((header, index) => (
                    <SelectItem key={index} value={`column:${index}`}>
                      {header || `Column ${index + 1}`}
                    </SelectItem>
                  ))}
                </SelectGroup>
                {field === "metric_key" && active.length > 0 && (
                  <>
                    <SelectSeparator />
                    <SelectGroup>
                      <SelectLabel>Every row is</SelectLabel>
                      {active.map((metric) => (
                        <SelectItem key={metric.key} value={`metric:${metric.key}`}>
                          {metric.name} ({metric.key})
                        </SelectItem>
                      ))}
                    </SelectGroup>
                  </>
                )}
              </SelectContent>
            </Select>
          </div>
        ))}
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="list-inside list-disc text-sm text-destructive">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
